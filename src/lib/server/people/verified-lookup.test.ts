// Item 6 of issue 15: an address typed into a privileged form finds only an account that proved it.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { DomainError } from '../errors';
import { createPlacement, placementSchema } from '../practicum/placements';
import { assignByEmail } from '../supervision/assignments';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';

describe('e-mail lookups in privileged forms match verified accounts only', () => {
	it("an unverified account under the supervisor's address does not become a placement's field supervisor: an invitation goes to the address", async () => {
		const p = await signedPlacement({ sign: false });
		const squatter = await makeUser([], false); // registered under someone's address, never confirmed it
		const before = await db.placement.count({ where: { universityId: p.uni.id } });
		const input = placementSchema().parse({
			agreementId: p.agreement.id,
			studentEmail: p.student.email,
			supervisorEmail: squatter.email,
			startsOn: '2026-02-01',
			endsOn: '2026-10-31',
			requiredHours: '400',
			competencies: 'CORE.CASE_MANAGEMENT'
		});
		const refused = await createPlacement(p.coordinator, input, ORIGIN).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys(refused.fields)).toEqual(['supervisorEmail']);
		expect(await db.placement.count({ where: { universityId: p.uni.id } })).toBe(before);
		const invitations = await db.invitation.findMany({ where: { email: squatter.email } });
		expect(invitations).toMatchObject([{ role: 'SUPERVISOR', organisationId: p.uni.id, acceptedAt: null }]);
		expect(await db.outboxMessage.count({ where: { to: squatter.email, kind: 'invitation' } })).toBe(1);
		// asked again: the pending invitation is not sent twice
		await expect(createPlacement(p.coordinator, input, ORIGIN)).rejects.toBeInstanceOf(DomainError);
		expect(await db.invitation.count({ where: { email: squatter.email } })).toBe(1);
		// once the address is proved, the same form goes through
		await db.user.update({ where: { id: squatter.id }, data: { emailVerifiedAt: new Date() } });
		const made = await createPlacement(p.coordinator, input, ORIGIN);
		expect(made.supervisorId).toBe(squatter.id);
	});

	it('a supervision assignment by address refuses unverified and unknown addresses, inviting them', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const unverified = await makeUser([], false);
		const worker = await makeUser();
		const refused = await assignByEmail(
			admin,
			{
				supervisorEmail: unverified.email,
				superviseeEmail: 'nobody-yet@test.credo.test',
				organisationId: org.id,
				startsOn: '2026-01-01',
				override: true
			},
			ORIGIN
		).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(Object.keys(refused.fields).sort()).toEqual(['superviseeEmail', 'supervisorEmail']);
		expect(await db.supervisionAssignment.count({ where: { organisationId: org.id } })).toBe(0);
		expect(await db.invitation.count({ where: { email: unverified.email, role: 'SUPERVISOR' } })).toBe(1);
		const ok = await assignByEmail(
			admin,
			{
				supervisorEmail: (await makeUser()).email,
				superviseeEmail: worker.email,
				organisationId: org.id,
				startsOn: '2026-01-01',
				override: true
			},
			ORIGIN
		);
		expect(ok.created?.superviseeId).toBe(worker.id);
	});
});
