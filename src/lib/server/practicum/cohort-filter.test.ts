import { describe, expect, it } from 'vitest';
import { agreementUnsigned, behindOnHours, evaluationDue, filterCohort } from './cohort-filter';
import { knownDay } from '$lib/calendar-day';

const row = (over: Record<string, unknown> = {}) => ({
	status: 'ACTIVE',
	required: 100,
	approved: 0,
	pending: 0,
	signed: true,
	stale: false,
	evaluations: null as string | null,
	starts_on: new Date('2026-01-01'),
	ends_on: new Date('2026-04-10'), // 100 days
	...over
});

describe('cohort filters', () => {
	it('behind on hours: below the steady pace up to today; not before it starts, not when not active', () => {
		const day50 = knownDay('2026-02-19'); // the 50th day: 50 hours expected
		expect(behindOnHours(row({ approved: 49 }), day50)).toBe(true);
		expect(behindOnHours(row({ approved: 50 }), day50)).toBe(false);
		expect(behindOnHours(row({ approved: 0 }), knownDay('2025-12-31'))).toBe(false);
		expect(behindOnHours(row({ approved: 99 }), knownDay('2026-06-01'))).toBe(true); // past its end: all of them
		expect(behindOnHours(row({ approved: 0, status: 'PLANNED' }), day50)).toBe(false);
	});

	it('agreement unsigned: planned or active, not signed by all three', () => {
		expect(agreementUnsigned(row({ signed: false }))).toBe(true);
		expect(agreementUnsigned(row({ signed: false, status: 'PLANNED' }))).toBe(true);
		expect(agreementUnsigned(row({ signed: false, status: 'COMPLETED' }))).toBe(false);
		expect(agreementUnsigned(row())).toBe(false);
	});

	it('evaluation due: the mid-term from half way, the final in the last 14 days, until submitted', () => {
		expect(evaluationDue(row(), knownDay('2026-01-20'))).toBe(false);
		expect(evaluationDue(row(), knownDay('2026-02-19'))).toBe(true);
		expect(evaluationDue(row({ evaluations: 'MIDTERM' }), knownDay('2026-02-19'))).toBe(false);
		expect(evaluationDue(row({ evaluations: 'MIDTERM' }), knownDay('2026-04-01'))).toBe(true);
		expect(evaluationDue(row({ evaluations: 'FINAL, MIDTERM' }), knownDay('2026-04-20'))).toBe(false);
		expect(evaluationDue(row({ status: 'COMPLETED' }), knownDay('2026-04-20'))).toBe(false);
	});

	it('filterCohort keeps the rows of the filter; an unknown filter keeps all', () => {
		const rows = [row({ pending: 2 }), row({ stale: true }), row({ signed: false })];
		const today = knownDay('2026-01-02');
		expect(filterCohort(rows, 'pending', today)).toEqual([rows[0]]);
		expect(filterCohort(rows, 'stale', today)).toEqual([rows[1]]);
		expect(filterCohort(rows, 'unsigned', today)).toEqual([rows[2]]);
		expect(filterCohort(rows, 'nonsense', today)).toHaveLength(3);
	});
});
