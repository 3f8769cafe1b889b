// The module author (issue 22) on the real database: a provider administrator invites authors into their own training
// provider only; an author invites nobody; the role is never held outside a training provider.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { invite, inviteSchema, acceptAsNewUser } from './invitations';
import { grantRole } from './memberships';
import { inviteChoices } from './scopes';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf, uniqueEmail } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';

async function tokenOf(mailId: string) {
	const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id: mailId } });
	return /invitations\/([a-z2-7]{32})/.exec(mail.text)![1];
}

async function fixture() {
	const j = await makeJurisdiction();
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const other = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	return { j, provider, other, admin };
}

describe('the module author role', () => {
	it('a provider admin invites an author into their provider; the invitee becomes its author', async () => {
		const { provider, admin } = await fixture();
		const email = uniqueEmail('author');
		const { mailIds } = await invite(
			admin,
			inviteSchema.parse({ email, grant: `AUTHOR|org:${provider.id}` }),
			ORIGIN,
			'en'
		);
		const mail = await db.outboxMessage.findUniqueOrThrow({ where: { id: mailIds[0] } });
		expect(mail.text).toContain('Module author');
		const user = await acceptAsNewUser(
			await tokenOf(mailIds[0]),
			{ name: 'New Author', password: 'author passphrase ok', privacy: true },
			'en',
			ORIGIN
		);
		const roles = await db.membership.findMany({ where: { userId: user.id } });
		expect(roles.map((r) => [r.role, r.organisationId])).toEqual([['AUTHOR', provider.id]]);
	});

	it('a provider admin cannot invite an author into another provider, and nothing is written', async () => {
		const { other, admin } = await fixture();
		const before = await db.invitation.count();
		await expect(
			invite(admin, inviteSchema.parse({ email: uniqueEmail(), grant: `AUTHOR|org:${other.id}` }), ORIGIN, 'en')
		).rejects.toBeInstanceOf(Forbidden);
		expect(await db.invitation.count()).toBe(before);
	});

	it('an author invites nobody and grants nothing', async () => {
		const { provider } = await fixture();
		const author = await sessionUserOf((await makeUser([{ role: 'AUTHOR', organisationId: provider.id }])).id);
		const before = await db.invitation.count();
		for (const grant of [`AUTHOR|org:${provider.id}`, `PROVIDER|org:${provider.id}`, `LEARNER|org:${provider.id}`])
			await expect(
				invite(author, inviteSchema.parse({ email: uniqueEmail(), grant }), ORIGIN, 'en')
			).rejects.toBeInstanceOf(Forbidden);
		expect(await db.invitation.count()).toBe(before);
		const person = await makeUser();
		await expect(
			grantRole(author, person.id, { role: 'AUTHOR', organisationId: provider.id, jurisdictionId: null }, ORIGIN)
		).rejects.toBeInstanceOf(Forbidden);
		expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
		expect(await inviteChoices(author)).toEqual([]);
	});

	it('is held only in a training provider: an administrator cannot make someone an author of a university', async () => {
		const { j, provider } = await fixture();
		const uni = await makeOrg(j.id, 'UNIVERSITY');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const person = await makeUser();
		await expect(
			grantRole(admin, person.id, { role: 'AUTHOR', organisationId: uni.id, jurisdictionId: null }, ORIGIN)
		).rejects.toMatchObject({ status: 400, fields: { scope: expect.any(String) } });
		await expect(
			grantRole(admin, person.id, { role: 'AUTHOR', organisationId: null, jurisdictionId: j.id }, ORIGIN)
		).rejects.toMatchObject({ status: 400 });
		await grantRole(admin, person.id, { role: 'AUTHOR', organisationId: provider.id, jurisdictionId: null }, ORIGIN);
		expect((await db.membership.findMany({ where: { userId: person.id } })).map((x) => x.organisationId)).toEqual([
			provider.id
		]);
		// the administrator's choices offer the author role in training providers only
		const offered = (await inviteChoices(admin)).filter((c) => c.value.startsWith('AUTHOR|'));
		expect(offered.some((c) => c.value === `AUTHOR|org:${provider.id}`)).toBe(true);
		expect(offered.some((c) => c.value === `AUTHOR|org:${uni.id}`)).toBe(false);
	});

	it('a provider admin of an organisation that is not a training provider is not offered the author role there', async () => {
		const j = await makeJurisdiction();
		const ngo = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: ngo.id }])).id);
		expect((await inviteChoices(admin)).map((c) => c.value)).toEqual([`PROVIDER|org:${ngo.id}`]);
		await expect(
			invite(admin, inviteSchema.parse({ email: uniqueEmail(), grant: `AUTHOR|org:${ngo.id}` }), ORIGIN, 'en')
		).rejects.toMatchObject({ status: 400 });
	});

	it("a provider admin's choices offer the author role in their own provider", async () => {
		const { provider, admin } = await fixture();
		expect((await inviteChoices(admin)).map((c) => c.value)).toEqual([
			`PROVIDER|org:${provider.id}`,
			`AUTHOR|org:${provider.id}`
		]);
	});
});
