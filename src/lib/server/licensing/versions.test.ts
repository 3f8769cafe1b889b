// No lost update on a licence: every regulator change carries the licence version its form was rendered with, and
// a change based on an older version is refused with a 409 while the first change stays, audited once.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { decideClaim, decideRenewal, recordLeave, setLicenceStatus } from './licences';
import { DomainError } from '../errors';
import { licensedWorker } from '../../../../tests/helpers/licensing';
import { makeUser, sessionUserOf } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';
const CONFLICT = /Someone else changed this licence since you opened it: reload to see their change/;

async function secondRegulator(jurisdictionId: string) {
	return sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId }])).id);
}

const licenceOf = (id: string) => db.licence.findUniqueOrThrow({ where: { id } });
const events = (subjectId: string) =>
	db.auditEvent.findMany({ where: { subjectType: 'licence', subjectId }, orderBy: { id: 'asc' } });

describe('two regulators changing one licence from stale pages', () => {
	it('the second submission gets a 409 with the conflict message; the first change stays and is audited once', async () => {
		const a = await licensedWorker();
		const other = await secondRegulator(a.j.id);
		// both opened the licence page at version 1
		await setLicenceStatus(
			a.regulator,
			{ licenceId: a.licence.id, version: 1, status: 'SUSPENDED', reason: 'Hearing on 3 May' },
			ORIGIN
		);
		const refused = await setLicenceStatus(
			other,
			{ licenceId: a.licence.id, version: 1, status: 'REVOKED', reason: 'Struck off' },
			ORIGIN
		).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.status).toBe(409);
		expect(refused.message).toMatch(CONFLICT);
		const licence = await licenceOf(a.licence.id);
		expect([licence.status, licence.statusReason, licence.version]).toEqual(['SUSPENDED', 'Hearing on 3 May', 2]);
		expect((await events(a.licence.id)).map((e) => e.action)).toEqual(['licence.status_suspended']);
		expect(await db.notification.count({ where: { userId: a.user.id, kind: 'licence-status' } })).toBe(1);
	});

	it('leave, renewal decisions and status changes all check and bump the same version', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const other = await secondRegulator(a.j.id);
		const after = new Date('2026-01-05T10:00:00Z');
		await recordLeave(a.regulator, {
			cycleId: a.cycle.id,
			version: 1,
			leaveDays: 30,
			reason: 'Sick leave, note on file'
		});
		// the other regulator's page still shows version 1: each of their changes is refused
		await expect(
			recordLeave(other, { cycleId: a.cycle.id, version: 1, leaveDays: 90, reason: 'x' })
		).rejects.toMatchObject({ status: 409 });
		await expect(
			decideRenewal(other, { cycleId: a.cycle.id, version: 1, decision: 'grace', reason: 'x' }, ORIGIN, after)
		).rejects.toMatchObject({ status: 409 });
		await expect(
			setLicenceStatus(other, { licenceId: a.licence.id, version: 1, status: 'REVOKED', reason: 'x' }, ORIGIN)
		).rejects.toMatchObject({ status: 409 });
		expect((await db.licenceCycle.findUniqueOrThrow({ where: { id: a.cycle.id } })).leaveDays).toBe(30);
		// after a reload (version 2) the same person's decision goes through and bumps the version again
		await decideRenewal(
			other,
			{ cycleId: a.cycle.id, version: 2, decision: 'grace', reason: 'Short by 10 credits' },
			ORIGIN,
			after
		);
		await expect(
			recordLeave(a.regulator, { cycleId: a.cycle.id, version: 2, leaveDays: 0, reason: 'x' })
		).rejects.toMatchObject({ status: 409 });
		const licence = await licenceOf(a.licence.id);
		expect(licence.version).toBe(3);
		expect((await db.licenceCycle.findUniqueOrThrow({ where: { id: a.cycle.id } })).outcome).toBe('GRACE');
		expect((await events(a.licence.id)).map((e) => e.action)).toEqual(['licence.leave_recorded', 'licence.grace']);
	});

	it('confirming a claim changes the licence too: a form rendered before it is refused', async () => {
		const a = await licensedWorker();
		const claimant = await makeUser([{ role: 'LEARNER', jurisdictionId: a.j.id }]);
		await db.workerProfile.create({
			data: { jurisdictionId: a.j.id, userId: claimant.id, givenName: 'C', familyName: 'Laimant' }
		});
		await db.licence.update({ where: { id: a.licence.id }, data: { workerProfileId: null } });
		const claim = await db.licenceClaim.create({ data: { licenceId: a.licence.id, userId: claimant.id } });
		await decideClaim(a.regulator, claim.id, 'confirm', ORIGIN);
		expect((await licenceOf(a.licence.id)).version).toBe(2);
		await expect(
			setLicenceStatus(a.regulator, { licenceId: a.licence.id, version: 1, status: 'SUSPENDED', reason: 'x' }, ORIGIN)
		).rejects.toMatchObject({ status: 409 });
	});
});

describe('two regulators changing one licence at the same moment', () => {
	it('two status changes with the same version: exactly one wins, the other gets a 409, one audit event', async () => {
		const a = await licensedWorker();
		const other = await secondRegulator(a.j.id);
		const results = await Promise.allSettled([
			setLicenceStatus(
				a.regulator,
				{ licenceId: a.licence.id, version: 1, status: 'SUSPENDED', reason: 'Hearing pending' },
				ORIGIN
			),
			setLicenceStatus(other, { licenceId: a.licence.id, version: 1, status: 'REVOKED', reason: 'Struck off' }, ORIGIN)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(loser.reason).toMatchObject({ status: 409 });
		expect(loser.reason.message).toMatch(CONFLICT);
		const winner = results[0].status === 'fulfilled' ? 'SUSPENDED' : 'REVOKED';
		const licence = await licenceOf(a.licence.id);
		expect([licence.status, licence.version]).toEqual([winner, 2]);
		expect((await events(a.licence.id)).map((e) => e.action)).toEqual([`licence.status_${winner.toLowerCase()}`]);
	});

	it('a renewal decision racing a suspension: one of them, never both on the same version', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const other = await secondRegulator(a.j.id);
		const after = new Date('2026-01-05T10:00:00Z');
		for (let round = 0; round < 5; round++) {
			const { version } = await licenceOf(a.licence.id);
			const results = await Promise.allSettled([
				recordLeave(a.regulator, { cycleId: a.cycle.id, version, leaveDays: round + 1, reason: `leave ${round}` }),
				recordLeave(other, { cycleId: a.cycle.id, version, leaveDays: 100 + round, reason: `other ${round}` })
			]);
			expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		}
		const { version } = await licenceOf(a.licence.id);
		expect(version).toBe(6);
		const results = await Promise.allSettled([
			decideRenewal(a.regulator, { cycleId: a.cycle.id, version, decision: 'grace', reason: 'Short' }, ORIGIN, after),
			setLicenceStatus(other, { licenceId: a.licence.id, version, status: 'SUSPENDED', reason: 'Hearing' }, ORIGIN)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({
			status: 409
		});
		expect((await licenceOf(a.licence.id)).version).toBe(7);
		expect(
			await db.auditEvent.count({
				where: { subjectId: a.licence.id, action: { in: ['licence.grace', 'licence.status_suspended'] } }
			})
		).toBe(1);
		expect(await db.auditEvent.count({ where: { subjectId: a.licence.id, action: 'licence.leave_recorded' } })).toBe(5);
	});
});
