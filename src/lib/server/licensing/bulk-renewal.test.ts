import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { bulkRenewalPlan, renewAllCompliant } from './bulk-renewal';
import { decideRenewal } from './licences';
import { checkRenewal } from './renewal-check';
import { day, licensedWorker } from '../../../../tests/helpers/licensing';
import { makeUser } from '../../../../tests/helpers/db';

const ORIGIN = 'http://credo.test';
const NOW = new Date('2026-01-10T10:00:00Z');
type Fixture = Awaited<ReturnType<typeof licensedWorker>>;

/** Another licence in the same jurisdiction, its cycle ended on 31 Dec 2025, with `credits` of ethics in it. */
async function licenceIn(
	a: Fixture,
	tag: string,
	credits: number,
	cycle: { outcome?: 'GRACE'; graceUntil?: string } = {}
) {
	const user = await makeUser([{ role: 'LEARNER', jurisdictionId: a.j.id }]);
	const worker = await db.workerProfile.create({
		data: { jurisdictionId: a.j.id, userId: user.id, givenName: tag, familyName: 'Holder' }
	});
	const licence = await db.licence.create({
		data: {
			jurisdictionId: a.j.id,
			number: `${tag}-${user.id.slice(0, 6)}`,
			holderName: `${tag} Holder`,
			workerProfileId: worker.id,
			issuedOn: day('2020-01-01')
		}
	});
	const c = await db.licenceCycle.create({
		data: {
			licenceId: licence.id,
			jurisdictionId: a.j.id,
			ruleId: a.rule.id,
			startsOn: day('2025-01-01'),
			endsOn: day('2025-12-31'),
			outcome: cycle.outcome ?? 'OPEN',
			graceUntil: cycle.graceUntil ? day(cycle.graceUntil) : null
		}
	});
	if (credits)
		await db.cpdEntry.create({
			data: {
				userId: user.id,
				jurisdictionId: a.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'APPROVED',
				title: 'Ethics course',
				providerOrgId: a.provider.id,
				activityDate: day('2025-05-05'),
				credits,
				category: 'ethics'
			}
		});
	return { licence, cycle: c };
}

const cyclesOf = (licenceId: string) =>
	db.licenceCycle.findMany({ where: { licenceId }, orderBy: { startsOn: 'asc' }, select: { outcome: true } });

describe('renew all compliant', () => {
	it('bulk renewal renews exactly the compliant licences and reports the others with their reason', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' }); // short: no credits
		const first = await licenceIn(a, 'FIRST', 10);
		const second = await licenceIn(a, 'SECOND', 12);
		const graceEnded = await licenceIn(a, 'GRACE', 3, { outcome: 'GRACE', graceUntil: '2026-01-05' });

		const plan = await bulkRenewalPlan(a.regulator, NOW);
		expect(plan.renew.map((r) => r.number).sort()).toEqual([first.licence.number, second.licence.number].sort());
		expect(Object.fromEntries(plan.keep.map((k) => [k.number, k.reason]))).toEqual({
			[a.licence.number]: expect.stringMatching(/requirements are not met/),
			[graceEnded.licence.number]: expect.stringMatching(/still not met in the grace period/)
		});

		// someone renews the second licence between the check and the confirm: it is reported, not renewed twice
		await decideRenewal(
			a.regulator,
			{ cycleId: second.cycle.id, version: 1, decision: 'renew', reason: 'Renewed on its own page' },
			ORIGIN,
			NOW
		);
		const items = plan.renew.map((r) => ({ cycleId: r.cycleId, version: r.version }));
		const results = await renewAllCompliant(a.regulator, items, ORIGIN, NOW);
		expect(Object.fromEntries(results.map((r) => [r.number, r.result]))).toEqual({
			[first.licence.number]: 'renewed',
			[second.licence.number]: 'already'
		});
		expect(await cyclesOf(first.licence.id)).toEqual([{ outcome: 'RENEWED' }, { outcome: 'OPEN' }]);
		expect(await cyclesOf(second.licence.id)).toEqual([{ outcome: 'RENEWED' }, { outcome: 'OPEN' }]);
		expect(await cyclesOf(a.licence.id)).toEqual([{ outcome: 'OPEN' }]);
		expect(await cyclesOf(graceEnded.licence.id)).toEqual([{ outcome: 'GRACE' }]);
		const renewed = await db.auditEvent.findMany({ where: { action: 'licence.renewed', jurisdictionId: a.j.id } });
		expect(renewed.map((e) => e.subjectId).sort()).toEqual([first.licence.id, second.licence.id].sort());

		// the same confirm posted again changes nothing
		const again = await renewAllCompliant(a.regulator, items, ORIGIN, NOW);
		expect(again.map((r) => r.result)).toEqual(['already', 'already']);
		expect(await db.licenceCycle.count({ where: { jurisdictionId: a.j.id } })).toBe(6);
		// a regulator elsewhere cannot renew these
		const other = await licensedWorker();
		await expect(renewAllCompliant(other.regulator, items, ORIGIN, NOW)).rejects.toMatchObject({ status: 404 });
	});
});

describe('a decision that is not valid now', () => {
	it('is refused with its reason when posted anyway, and changes nothing', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' }); // ended, short, not in grace
		const before = {
			licence: await db.licence.findUniqueOrThrow({ where: { id: a.licence.id } }),
			cycles: await db.licenceCycle.findMany({ where: { licenceId: a.licence.id } }),
			events: await db.auditEvent.count({ where: { subjectId: a.licence.id } }),
			notices: await db.notification.count({ where: { userId: a.user.id } })
		};
		const lapse = { cycleId: a.cycle.id, version: 1, decision: 'lapse' as const, reason: 'Short' };
		const refusal = { status: 400, fields: { decision: expect.stringMatching(/grace period must be granted first/) } };
		await expect(checkRenewal(a.regulator, lapse, NOW)).rejects.toMatchObject(refusal);
		await expect(decideRenewal(a.regulator, lapse, ORIGIN, NOW)).rejects.toMatchObject(refusal);
		await expect(decideRenewal(a.regulator, { ...lapse, decision: 'renew' }, ORIGIN, NOW)).rejects.toMatchObject({
			status: 400,
			fields: { decision: expect.stringMatching(/requirements are not met/) }
		});
		expect(await db.licence.findUniqueOrThrow({ where: { id: a.licence.id } })).toEqual(before.licence);
		expect(await db.licenceCycle.findMany({ where: { licenceId: a.licence.id } })).toEqual(before.cycles);
		expect(await db.auditEvent.count({ where: { subjectId: a.licence.id } })).toBe(before.events);
		expect(await db.notification.count({ where: { userId: a.user.id } })).toBe(before.notices);
		// the valid one (grace) is checked and tells its end date
		expect(await checkRenewal(a.regulator, { ...lapse, decision: 'grace' }, NOW)).toEqual({ graceUntil: '2026-01-30' });
	});
});
