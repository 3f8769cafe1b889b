import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { invite, inviteSchema, acceptAsNewUser, acceptAsUser, findInvitation } from './invitations';
import { grantRole, removeRole } from './memberships';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';

async function tokenOf(mailId: string) {
	const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id: mailId } });
	return /invitations\/([a-z2-7]{32})/.exec(mail.text)![1];
}

describe('invitations', () => {
	it('a coordinator invites a student into their university, who accepts with a new account', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const email = uniqueEmail('student');
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email, grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		const token = await tokenOf(mailIds[0]);
		expect((await findInvitation(token))?.email).toBe(email);
		const user = await acceptAsNewUser(
			token,
			{ name: 'New Student', password: 'student passphrase ok', privacy: true },
			'en'
		);
		const roles = await db.membership.findMany({ where: { userId: user.id } });
		expect(roles.map((r) => [r.role, r.organisationId])).toEqual([['LEARNER', uni.id]]);
		expect(user.emailVerifiedAt).not.toBeNull();
		expect(await findInvitation(token)).toBeNull(); // used
		expect(
			await db.auditEvent.count({ where: { action: 'invitation.accepted', subjectType: 'invitation' } })
		).toBeGreaterThan(0);
	});

	it('a coordinator cannot invite into a wider role or another organisation, and nothing is written', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const other = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const before = await db.invitation.count();
		for (const grant of [`REGULATOR|jur:${j.id}`, `SUPERVISOR|org:${other.id}`, 'ADMIN|global']) {
			await expect(
				invite(coord, inviteSchema.parse({ email: uniqueEmail(), grant }), ORIGIN, 'en')
			).rejects.toBeInstanceOf(Forbidden);
		}
		expect(await db.invitation.count()).toBe(before);
	});

	it('an invitation for another address cannot be accepted by a signed-in user', async () => {
		const j = await makeJurisdiction();
		const reg = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		const { mailIds } = await invite(
			reg,
			inviteSchema.parse({ email: uniqueEmail('analyst'), grant: `ANALYST|jur:${j.id}` }),
			ORIGIN,
			'en'
		);
		const stranger = await sessionUserOf((await makeUser()).id);
		await expect(acceptAsUser(await tokenOf(mailIds[0]), stranger)).rejects.toBeInstanceOf(Forbidden);
		expect(await db.membership.count({ where: { userId: stranger.id } })).toBe(0);
	});
});

describe('granting and removing roles', () => {
	it('an admin grants and removes a role; each is audited and notified', async () => {
		const j = await makeJurisdiction();
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const person = await makeUser();
		const { membership } = await grantRole(
			admin,
			person.id,
			{ role: 'REGULATOR', organisationId: null, jurisdictionId: j.id },
			ORIGIN
		);
		expect(await db.notification.count({ where: { userId: person.id, kind: 'role-granted' } })).toBe(1);
		await removeRole(admin, membership.id, 'Left the council', ORIGIN);
		expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
		const actions = (await db.auditEvent.findMany({ where: { subjectId: person.id }, orderBy: { id: 'asc' } })).map(
			(e) => e.action
		);
		expect(actions).toEqual(['role.granted', 'role.removed']);
	});

	it('a learner cannot grant anything', async () => {
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER' }])).id);
		const person = await makeUser();
		await expect(
			grantRole(learner, person.id, { role: 'ADMIN', organisationId: null, jurisdictionId: null }, ORIGIN)
		).rejects.toBeInstanceOf(Forbidden);
		expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
	});
});
