import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { setLicenceStatus, statusSchema } from './licences';
import { checkStatusChange } from './status-change';
import { DomainError } from '../errors';
import { licensedWorker, makeRule, day } from '../../../../tests/helpers/licensing';

const ORIGIN = 'http://credo.test';
// 10 March 2027, midday in Nairobi (the test jurisdiction's zone)
const NOW = new Date('2027-03-10T09:00:00Z');

/** A social worker's licence that lapsed at the end of 2026, in a jurisdiction whose rules changed since. */
async function lapsedLicence() {
	const w = await licensedWorker();
	await db.licence.update({ where: { id: w.licence.id }, data: { status: 'LAPSED', cadre: 'PROF_SW' } });
	await db.licenceCycle.update({
		where: { id: w.cycle.id },
		data: { outcome: 'LAPSED', graceUntil: day('2027-01-30') }
	});
	await makeRule(w.j.id, { cycleMonths: 24 }); // every cadre, version 2
	const social = await makeRule(w.j.id, { cadreKey: 'PROF_SW', cycleMonths: 36 }); // version 3
	await makeRule(w.j.id, { cadreKey: 'CYCW', cycleMonths: 6 }); // another cadre's, version 4
	return { ...w, social };
}

const reactivate = (w: Awaited<ReturnType<typeof lapsedLicence>>, version = 1) => ({
	licenceId: w.licence.id,
	version,
	status: 'ACTIVE' as const,
	reason: 'Hearing closed; CPD plan agreed'
});

describe('reinstating a licence goes through cycles', () => {
	it("the check step says which cycle will open under the cadre's current rule, and writes nothing", async () => {
		const w = await lapsedLicence();
		expect((await checkStatusChange(w.regulator, reactivate(w), NOW)).plan).toEqual({
			kind: 'open',
			startsOn: '2027-03-10',
			endsOn: '2030-03-09',
			rule: { version: 3 }
		});
		expect(await db.licenceCycle.count({ where: { licenceId: w.licence.id } })).toBe(1);
		expect((await db.licence.findUniqueOrThrow({ where: { id: w.licence.id } })).status).toBe('LAPSED');
	});

	it('a lapsed licence set active opens exactly one cycle from today under the current rule, audited and notified', async () => {
		const w = await lapsedLicence();
		await setLicenceStatus(w.regulator, reactivate(w), ORIGIN, NOW);
		const cycles = await db.licenceCycle.findMany({ where: { licenceId: w.licence.id }, orderBy: { startsOn: 'asc' } });
		expect(cycles).toHaveLength(2);
		expect(cycles[0].outcome).toBe('LAPSED');
		expect(cycles[1]).toMatchObject({
			outcome: 'OPEN',
			ruleId: w.social.id,
			startsOn: day('2027-03-10'),
			endsOn: day('2030-03-09'),
			first: false
		});
		const licence = await db.licence.findUniqueOrThrow({ where: { id: w.licence.id } });
		expect([licence.status, licence.version]).toEqual(['ACTIVE', 2]);
		const events = await db.auditEvent.findMany({ where: { subjectId: w.licence.id }, orderBy: { action: 'asc' } });
		expect(events.map((e) => e.action)).toEqual(['licence.cycle_opened', 'licence.status_active']);
		expect(events[0].data).toMatchObject({ cycleId: cycles[1].id, startsOn: '2027-03-10', endsOn: '2030-03-09' });
		const notice = await db.notification.findFirstOrThrow({ where: { userId: w.user.id, kind: 'licence-status' } });
		expect(notice.body).toContain('A new CPD cycle runs from 10 Mar 2027 to 9 Mar 2030.');
	});

	it('a reinstatement effective on a past day opens its cycle from that day (licensed from it, not from today)', async () => {
		const w = await lapsedLicence();
		const input = { ...reactivate(w), statusFrom: '2027-02-15' as const };
		expect((await checkStatusChange(w.regulator, input, NOW)).plan).toMatchObject({
			kind: 'open',
			startsOn: '2027-02-15',
			endsOn: '2030-02-14'
		});
		await setLicenceStatus(w.regulator, input, ORIGIN, NOW);
		const opened = await db.licenceCycle.findFirstOrThrow({ where: { licenceId: w.licence.id, outcome: 'OPEN' } });
		expect([opened.startsOn, opened.endsOn]).toEqual([day('2027-02-15'), day('2030-02-14')]);
		const [spans] = await db.$queryRaw<{ licensed: boolean }[]>`
			select licensed_spans @> '2027-02-15'::date as licensed from worker_profiles where id = ${w.licence.workerProfileId}::uuid`;
		expect(spans.licensed).toBe(true);
	});

	it('suspending then reinstating while the new cycle runs adds no second cycle', async () => {
		const w = await lapsedLicence();
		await setLicenceStatus(w.regulator, reactivate(w), ORIGIN, NOW);
		await setLicenceStatus(
			w.regulator,
			{ licenceId: w.licence.id, version: 2, status: 'SUSPENDED', reason: 'Complaint received' },
			ORIGIN,
			NOW
		);
		const later = new Date('2027-06-01T09:00:00Z');
		expect((await checkStatusChange(w.regulator, reactivate(w, 3), later)).plan).toMatchObject({ kind: 'kept' });
		await setLicenceStatus(w.regulator, reactivate(w, 3), ORIGIN, later);
		expect(await db.licenceCycle.count({ where: { licenceId: w.licence.id } })).toBe(2);
		expect(await db.auditEvent.count({ where: { subjectId: w.licence.id, action: 'licence.cycle_opened' } })).toBe(1);
	});

	it('with no rule for the cadre, reinstating is refused beside the status and changes nothing', async () => {
		const w = await licensedWorker();
		await db.licence.update({ where: { id: w.licence.id }, data: { status: 'LAPSED', cadre: 'PROF_SW' } });
		await db.licenceCycle.update({ where: { id: w.cycle.id }, data: { outcome: 'LAPSED' } });
		await db.renewalRule.update({ where: { id: w.rule.id }, data: { cadreKey: 'CYCW' } });
		const input = { licenceId: w.licence.id, version: 1, status: 'ACTIVE' as const, reason: 'Reinstated' };
		const refused = await setLicenceStatus(w.regulator, input, ORIGIN, NOW).catch((e) => e);
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused.status).toBe(400);
		expect(refused.fields.status).toMatch(/no renewal rule/);
		const licence = await db.licence.findUniqueOrThrow({ where: { id: w.licence.id } });
		expect([licence.status, licence.version]).toEqual(['LAPSED', 1]);
		expect(await db.licenceCycle.count({ where: { licenceId: w.licence.id } })).toBe(1);
		expect(await db.auditEvent.count({ where: { subjectId: w.licence.id } })).toBe(0);
	});

	it('reinstating without a reason is refused by the form, beside the reason', () => {
		const parsed = statusSchema.safeParse({
			licenceId: crypto.randomUUID(),
			version: '1',
			status: 'ACTIVE',
			reason: ' '
		});
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map((i) => i.path[0])).toEqual(['reason']);
	});
});
