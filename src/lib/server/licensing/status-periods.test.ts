// A licence status change takes effect from the day the regulator gives: the licensed spans the indicators read are
// cut from exactly that day, the history lists each status with its days, and a day that cannot be is refused beside
// its field with nothing changed (never the trigger's error as a 500).
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { decideRenewal, jurisdictionToday, setLicenceStatus, statusSchema } from './licences';
import { checkStatusChange } from './status-change';
import { lapseDay, statusDayRefusal, statusHistory } from './status-periods';
import { DomainError } from '../errors';
import { addDays, type CalendarDay } from '$lib/calendar-day';
import { day, licensedWorker } from '../../../../tests/helpers/licensing';

const ORIGIN = 'http://credo.test';
type World = Awaited<ReturnType<typeof licensedWorker>>;

/** The worker's licensed days, as PostgreSQL writes the multirange. */
async function licensed(w: World) {
	const [row] = await db.$queryRaw<{ span: string }[]>`
		select licensed_spans::text as span from worker_profiles where id = ${w.worker.id}::uuid`;
	return row.span;
}

async function state(w: World) {
	const l = await db.licence.findUniqueOrThrow({ where: { id: w.licence.id } });
	return {
		status: l.status,
		from: l.statusFrom,
		version: l.version,
		history: await statusHistory(w.licence.id),
		audits: await db.auditEvent.count({ where: { subjectId: w.licence.id } }),
		span: await licensed(w)
	};
}

const change = (w: World, input: Record<string, string | number>) =>
	setLicenceStatus(w.regulator, statusSchema.parse({ licenceId: w.licence.id, ...input }), ORIGIN);

async function fieldsOf(p: Promise<unknown>) {
	const e = await p.then(
		() => null,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(DomainError);
	return (e as DomainError).fields;
}

describe('the day a licence status change takes effect', () => {
	it('a suspension on a past day cuts the licensed span from that day: a later and an earlier day', async () => {
		for (const from of ['2026-11-01', '2026-06-01'] as const) {
			const w = await licensedWorker(); // issued 2020-01-01, cycle 2026
			expect(await licensed(w)).toBe('{[2026-01-01,2027-01-01)}');
			await change(w, { version: 1, status: 'SUSPENDED', reason: 'Hearing', statusFrom: from });
			expect(await licensed(w)).toBe(`{[2026-01-01,${from})}`);
			const after = await state(w);
			expect([after.status, after.from, after.version]).toEqual(['SUSPENDED', day(from), 2]);
			expect(after.history.map((h) => [h.status, h.from, h.to, h.reason])).toEqual([
				['SUSPENDED', from, null, 'Hearing'],
				['ACTIVE', '2020-01-01', addDays(from, -1), null]
			]);
			const event = await db.auditEvent.findFirstOrThrow({
				where: { subjectId: w.licence.id, action: 'licence.status_suspended' }
			});
			expect(event.data).toMatchObject({ from: 'ACTIVE', effective: from });
		}
	});

	it('reinstated from a later day, the licence counts again from that day; no day given means today', async () => {
		const w = await licensedWorker();
		await change(w, { version: 1, status: 'SUSPENDED', reason: 'Hearing', statusFrom: '2026-03-01' });
		await change(w, { version: 2, status: 'ACTIVE', reason: 'Cleared', statusFrom: '2026-04-15' });
		expect(await licensed(w)).toBe('{[2026-01-01,2026-03-01),[2026-04-15,2027-01-01)}');
		await change(w, { version: 3, status: 'REVOKED', reason: 'Struck off' });
		const today = await jurisdictionToday(w.j.id);
		expect((await state(w)).from).toEqual(day(today));
	});

	it('a change on the day the current status began replaces it, and keeps that day', async () => {
		const w = await licensedWorker();
		await change(w, { version: 1, status: 'SUSPENDED', reason: 'Hearing', statusFrom: '2026-06-01' });
		await change(w, { version: 2, status: 'REVOKED', reason: 'Struck off', statusFrom: '2026-06-01' });
		const after = await state(w);
		expect(after.from).toEqual(day('2026-06-01'));
		expect(after.history.map((h) => [h.status, h.from, h.to, h.reason])).toEqual([
			['REVOKED', '2026-06-01', null, 'Struck off'],
			['ACTIVE', '2020-01-01', '2026-05-31', null]
		]);
	});

	it('a day in the future or before the current status began is refused beside the field, nothing changed', async () => {
		const w = await licensedWorker();
		await change(w, { version: 1, status: 'SUSPENDED', reason: 'Hearing', statusFrom: '2026-06-01' });
		const before = await state(w);
		const tomorrow = addDays(await jurisdictionToday(w.j.id), 1);
		const input = (statusFrom: string) =>
			statusSchema.parse({ licenceId: w.licence.id, version: 2, status: 'ACTIVE', reason: 'x', statusFrom });
		expect(await fieldsOf(setLicenceStatus(w.regulator, input(tomorrow), ORIGIN))).toEqual({
			statusFrom: 'The date cannot be in the future.'
		});
		// the trigger would raise this one: it is refused first, with the day the current status began
		for (const call of [
			() => setLicenceStatus(w.regulator, input('2026-05-31'), ORIGIN),
			() => checkStatusChange(w.regulator, input('2026-05-31'))
		]) {
			const fields = await fieldsOf(call());
			expect(Object.keys(fields)).toEqual(['statusFrom']);
			expect(fields.statusFrom).toMatch(/began on 1 Jun.* 2026: the change cannot take effect before that day/);
		}
		expect(await fieldsOf(checkStatusChange(w.regulator, input(tomorrow)))).toHaveProperty('statusFrom');
		expect(await state(w)).toEqual(before);
		expect(statusSchema.safeParse({ ...input('2026-06-02'), statusFrom: '2026-13-01' }).success).toBe(false);
	});

	it('the check step says the day the change takes effect', async () => {
		const w = await licensedWorker();
		const input = statusSchema.parse({ licenceId: w.licence.id, version: 1, status: 'SUSPENDED', reason: 'x' });
		expect(await checkStatusChange(w.regulator, { ...input, statusFrom: '2026-02-03' })).toEqual({
			statusFrom: '2026-02-03',
			plan: { kind: 'none' }
		});
		expect((await checkStatusChange(w.regulator, input)).statusFrom).toBe(await jurisdictionToday(w.j.id));
	});

	it('a lapse decided on renewal takes effect the day after the grace ended', async () => {
		const w = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		await db.licenceCycle.update({
			where: { id: w.cycle.id },
			data: { outcome: 'GRACE', graceUntil: day('2026-01-30') }
		});
		await decideRenewal(
			w.regulator,
			{ cycleId: w.cycle.id, version: 1, decision: 'lapse', reason: 'No CPD after grace' },
			ORIGIN
		);
		const after = await state(w);
		expect([after.status, after.from]).toEqual(['LAPSED', day('2026-01-31')]);
		expect(after.history[1]).toMatchObject({ status: 'ACTIVE', to: '2026-01-30' });
	});

	it('the rules, pure', () => {
		const today = '2026-08-20' as CalendarDay;
		expect(statusDayRefusal('2026-08-20', today, '2026-08-20')).toBeNull();
		expect(statusDayRefusal('2026-08-21', today, null)).not.toBeNull();
		expect(statusDayRefusal('2026-08-19', today, '2026-08-20')).not.toBeNull();
		expect(lapseDay({ endsOn: '2026-06-30', graceUntil: '2026-07-30' }, today, null)).toBe('2026-07-31');
		expect(lapseDay({ endsOn: '2026-06-30', graceUntil: null }, today, null)).toBe('2026-07-01');
		// still to come: today; never before the current status began
		expect(lapseDay({ endsOn: '2026-08-30', graceUntil: null }, today, null)).toBe(today);
		expect(lapseDay({ endsOn: '2026-06-30', graceUntil: null }, today, '2026-08-01')).toBe('2026-08-01');
	});
});
