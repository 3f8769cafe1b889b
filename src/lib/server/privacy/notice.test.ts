// Consent to the privacy notice: required at registration and when an invitation creates an account, recorded with the
// notice's version in the same transaction; the session knows whether the current version is accepted.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';
import { createSession, validateSessionToken } from '../auth/session';
import { parseForm } from '../forms/parse';
import { register, registerSchema } from '../people/accounts';
import { acceptAsNewUser, acceptNewSchema, invite, inviteSchema } from '../people/invitations';
import { PRIVACY_NOTICE_VERSION, acceptNotice, acceptSchema, safeNext } from './notice';

const ORIGIN = 'http://credo.test';

function form(values: Record<string, string>) {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.set(k, v);
	return f;
}

describe('privacy notice consent', () => {
	it('registration needs the box ticked, and records the version with the account', async () => {
		const j = await makeJurisdiction();
		const email = uniqueEmail('consent');
		const fields = {
			givenName: 'Ama',
			familyName: 'Owusu',
			email,
			password: 'plenty long passphrase',
			jurisdictionId: j.id
		};
		const unticked = parseForm(registerSchema, form(fields));
		expect(unticked.ok).toBe(false);
		expect(!unticked.ok && unticked.errors.privacy).toMatch(/privacy notice/);
		expect(parseForm(registerSchema, form({ ...fields, privacy: 'yes please' })).ok).toBe(false);
		expect(await db.user.count({ where: { email } })).toBe(0);

		const ticked = parseForm(registerSchema, form({ ...fields, privacy: 'on' }));
		expect(ticked.ok).toBe(true);
		const { user } = await register(ticked.ok ? ticked.data : (null as never), ORIGIN, 'en');
		const consents = await db.privacyConsent.findMany({ where: { userId: user.id } });
		expect(consents.map((c) => c.noticeVersion)).toEqual([PRIVACY_NOTICE_VERSION]);
		// the session tells the layout there is nothing to ask
		const s = await createSession(user.id);
		expect((await validateSessionToken(s.token))?.user.privacyAccepted).toBe(true);
	});

	it('an invitation that creates an account needs the box ticked and records consent', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const email = uniqueEmail('invited');
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email, grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id: mailIds[0] } });
		const token = /\/invitations\/([a-z2-7]{32})/.exec(mail.text)![1];
		const unticked = parseForm(acceptNewSchema, form({ name: 'New Person', password: 'plenty long passphrase' }));
		expect(!unticked.ok && unticked.errors.privacy).toBeTruthy();
		const user = await acceptAsNewUser(
			token,
			acceptNewSchema.parse({ name: 'New Person', password: 'plenty long passphrase', privacy: 'on' }),
			'en',
			ORIGIN
		);
		expect((await db.privacyConsent.findMany({ where: { userId: user.id } })).map((c) => c.noticeVersion)).toEqual([
			PRIVACY_NOTICE_VERSION
		]);
	});

	it('someone who has not accepted the current version is asked, accepts once, and only that version counts', async () => {
		const u = await makeUser();
		const s = await createSession(u.id);
		expect((await validateSessionToken(s.token))?.user.privacyAccepted).toBe(false);
		await db.privacyConsent.create({ data: { userId: u.id, noticeVersion: '2000-01' } }); // an older version does not count
		expect((await validateSessionToken(s.token))?.user.privacyAccepted).toBe(false);
		await acceptNotice(u.id);
		await acceptNotice(u.id); // twice: one row
		expect(await db.privacyConsent.count({ where: { userId: u.id, noticeVersion: PRIVACY_NOTICE_VERSION } })).toBe(1);
		expect((await validateSessionToken(s.token))?.user.privacyAccepted).toBe(true);
	});

	it('the accept form needs the version that was shown, and only sends the person back to this site', () => {
		expect(acceptSchema.safeParse({ version: PRIVACY_NOTICE_VERSION }).success).toBe(true);
		expect(acceptSchema.safeParse({}).success).toBe(false);
		expect(acceptSchema.safeParse({ version: '1999-01' }).error!.issues[0].message).toMatch(/changed/);
		expect(safeNext('/cpd?x=1')).toBe('/cpd?x=1');
		for (const bad of [
			'https://evil.example',
			'//evil.example',
			'/\\evil.example',
			'javascript:alert(1)',
			'/cpd\u0000x',
			'/cpd\r\nSet-Cookie: a=b',
			'/é',
			undefined,
			'/' + 'x'.repeat(600)
		]) {
			expect(safeNext(bad)).toBe('/privacy?accepted=1');
		}
	});
});
