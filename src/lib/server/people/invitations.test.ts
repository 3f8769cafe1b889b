import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { invite, inviteSchema, acceptAsNewUser, acceptAsUser, findInvitation, waitingInvitations } from './invitations';
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
			'en',
			ORIGIN
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

	it('an invitation for an address with its own account cannot be accepted by another signed-in user', async () => {
		const j = await makeJurisdiction();
		const reg = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
		const owner = await makeUser();
		const { mailIds } = await invite(
			reg,
			inviteSchema.parse({ email: owner.email, grant: `ANALYST|jur:${j.id}` }),
			ORIGIN,
			'en'
		);
		const stranger = await sessionUserOf((await makeUser()).id);
		await expect(acceptAsUser(await tokenOf(mailIds[0]), stranger, ORIGIN)).rejects.toBeInstanceOf(Forbidden);
		expect(await db.membership.count({ where: { userId: stranger.id } })).toBe(0);
	});
});

describe('one person, one record', () => {
	it('an invitation accepted under a different address does not create a second worker', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const invited = uniqueEmail('amina');
		// the ministry's import kept the address as the HR file spelt it
		const record = await db.workerProfile.create({
			data: { jurisdictionId: j.id, givenName: 'Amina', familyName: 'Diallo', email: invited.toUpperCase() }
		});
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email: invited, grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		const user = await acceptAsNewUser(
			await tokenOf(mailIds[0]),
			{ name: 'Amina Diallo', password: 'student passphrase ok', privacy: true },
			'en',
			ORIGIN
		);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(1);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBe(user.id);
	});

	it("a signed-in person accepts an invitation sent to another address: the invited address's record is linked, no second one", async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const workAddress = uniqueEmail('work');
		const record = await db.workerProfile.create({
			data: { jurisdictionId: j.id, givenName: 'Kwame', familyName: 'Mensah', email: workAddress }
		});
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email: workAddress, grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		const person = await sessionUserOf((await makeUser()).id); // signed in with a personal address
		await acceptAsUser(await tokenOf(mailIds[0]), person, ORIGIN);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(1);
		expect((await db.workerProfile.findUniqueOrThrow({ where: { id: record.id } })).userId).toBe(person.id);
		const linked = await db.auditEvent.findFirstOrThrow({ where: { action: 'worker.linked', subjectId: record.id } });
		expect(linked.data).toMatchObject({ via: 'invitation', addressDiffers: true, invitedEmail: workAddress });
		expect(await db.notification.count({ where: { userId: person.id, kind: 'worker-linked' } })).toBe(1);
		expect(await db.membership.count({ where: { userId: person.id, role: 'LEARNER', organisationId: uni.id } })).toBe(
			1
		);
	});

	it('an invitation whose address matches no record creates no empty worker record', async () => {
		const j = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		await db.workerProfile.create({
			data: { jurisdictionId: j.id, givenName: 'Esi', familyName: 'Owusu', email: uniqueEmail('hr') }
		});
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email: uniqueEmail('personal'), grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		const user = await acceptAsNewUser(
			await tokenOf(mailIds[0]),
			{ name: 'Esi Owusu', password: 'student passphrase ok', privacy: true },
			'en',
			ORIGIN
		);
		expect(await db.workerProfile.count({ where: { jurisdictionId: j.id } })).toBe(1);
		expect(await db.workerProfile.findUnique({ where: { userId: user.id } })).toBeNull();
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

	it('an analyst is held in a jurisdiction or in a ministry organisation, never in another organisation', async () => {
		const j = await makeJurisdiction();
		const [ministry, uni] = [await makeOrg(j.id, 'MINISTRY'), await makeOrg(j.id)];
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const person = await makeUser();
		await grantRole(admin, person.id, { role: 'ANALYST', organisationId: ministry.id, jurisdictionId: null }, ORIGIN);
		await expect(
			grantRole(admin, person.id, { role: 'ANALYST', organisationId: uni.id, jurisdictionId: null }, ORIGIN)
		).rejects.toMatchObject({ status: 400, fields: { scope: expect.any(String) } });
		expect((await db.membership.findMany({ where: { userId: person.id } })).map((mem) => mem.organisationId)).toEqual([
			ministry.id
		]);
	});

	it('a learner cannot grant anything', async () => {
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER' }])).id);
		const person = await makeUser();
		await expect(
			grantRole(learner, person.id, { role: 'ADMIN', organisationId: null, jurisdictionId: null }, ORIGIN)
		).rejects.toBeInstanceOf(Forbidden);
		expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
	});

	it('lists the invitations waiting for an answer to those who sent them and to the administrators of their place', async () => {
		const j = await makeJurisdiction();
		const other = await makeJurisdiction();
		const uni = await makeOrg(j.id);
		const coord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const otherCoord = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: j.id }])).id);
		const otherAdmin = await sessionUserOf((await makeUser([{ role: 'ADMIN', jurisdictionId: other.id }])).id);
		const sent = uniqueEmail('waiting');
		await invite(coord, inviteSchema.parse({ email: sent, grant: `LEARNER|org:${uni.id}` }), ORIGIN, 'en');
		const accepted = uniqueEmail('accepted');
		const { mailIds } = await invite(
			coord,
			inviteSchema.parse({ email: accepted, grant: `LEARNER|org:${uni.id}` }),
			ORIGIN,
			'en'
		);
		await acceptAsNewUser(
			await tokenOf(mailIds[0]),
			{ name: 'Accepted Student', password: 'student passphrase ok', privacy: true },
			'en',
			ORIGIN
		);
		const emails = async (u: typeof coord, now?: Date) => (await waitingInvitations(u, now)).rows.map((r) => r.email);

		expect(await emails(coord)).toEqual([sent]); // the accepted one is not waiting
		expect(await emails(admin)).toEqual([sent]); // an organisation of her jurisdiction
		expect(await emails(otherCoord)).toEqual([]); // sent by someone else
		expect(await emails(otherAdmin)).toEqual([]);
		expect(await emails(coord, new Date(Date.now() + 15 * 86_400_000))).toEqual([]); // expired
		expect((await waitingInvitations(admin)).total).toBe(1);
	});
});
