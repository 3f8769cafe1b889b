import { describe, expect, it } from 'vitest';
import { currentRule, reactivationPlan, type PlanCycle } from './reactivation';
import type { CalendarDay } from '$lib/calendar-day';

const d = (s: string) => s as CalendarDay;
const rule = (cadreKey: string, version: number, cycleMonths = 12) => ({
	id: `${cadreKey}-${version}`,
	cadreKey,
	version,
	cycleMonths
});
const cycle = (startsOn: string, endsOn: string, outcome: string, graceUntil: string | null = null): PlanCycle => ({
	startsOn: d(startsOn),
	endsOn: d(endsOn),
	outcome,
	graceUntil: graceUntil ? d(graceUntil) : null
});
const lapsed = [
	cycle('2024-01-01', '2024-12-31', 'RENEWED'),
	cycle('2025-01-01', '2025-12-31', 'LAPSED', '2026-01-30')
];

describe('the rule a reactivated licence starts under', () => {
	const rules = [rule('*', 1), rule('*', 3), rule('SOCIAL_WORKER', 2), rule('SOCIAL_WORKER', 1), rule('*', 2)];

	it("is the newest version for the licence's cadre", () => {
		expect(currentRule(rules, 'SOCIAL_WORKER')?.id).toBe('SOCIAL_WORKER-2');
	});

	it('is the newest rule for every cadre when the cadre has none of its own, or the licence has no cadre', () => {
		expect(currentRule(rules, 'CHILD_CARE_WORKER')?.id).toBe('*-3');
		expect(currentRule(rules, null)?.id).toBe('*-3');
	});

	it('is none when the jurisdiction has no rule that applies', () => {
		expect(currentRule([rule('SOCIAL_WORKER', 1)], 'CHILD_CARE_WORKER')).toBeNull();
	});
});

describe('which cycle a reactivation opens', () => {
	it('a lapsed licence set active opens a cycle from today, as long as the current rule says (24 months)', () => {
		expect(
			reactivationPlan({ from: 'LAPSED', to: 'ACTIVE', today: d('2026-03-10'), cycles: lapsed, rule: rule('*', 2, 24) })
		).toEqual({ kind: 'open', startsOn: '2026-03-10', endsOn: '2028-03-09', rule: rule('*', 2, 24) });
	});

	it('a suspended licence whose open cycle still runs keeps that cycle: none is added', () => {
		const cycles = [cycle('2026-01-01', '2026-12-31', 'OPEN')];
		expect(
			reactivationPlan({ from: 'SUSPENDED', to: 'ACTIVE', today: d('2026-06-01'), cycles, rule: rule('*', 1) })
		).toEqual({ kind: 'kept', startsOn: '2026-01-01', endsOn: '2026-12-31' });
	});

	it('a cycle in grace covers today until the grace ends', () => {
		const cycles = [cycle('2025-01-01', '2025-12-31', 'GRACE', '2026-03-31')];
		const plan = (today: string) =>
			reactivationPlan({ from: 'SUSPENDED', to: 'ACTIVE', today: d(today), cycles, rule: rule('*', 1) }).kind;
		expect(plan('2026-03-31')).toBe('kept');
		expect(plan('2026-04-01')).toBe('waiting');
	});

	it('an undecided cycle that has ended waits for its decision: no second cycle beside it', () => {
		const cycles = [cycle('2025-01-01', '2025-12-31', 'OPEN')];
		expect(
			reactivationPlan({ from: 'SUSPENDED', to: 'ACTIVE', today: d('2026-02-01'), cycles, rule: rule('*', 1) })
		).toEqual({ kind: 'waiting', endsOn: '2025-12-31' });
	});

	it('a cycle that starts later (renewed early) is kept', () => {
		const cycles = [cycle('2026-01-01', '2026-12-31', 'RENEWED'), cycle('2027-01-01', '2027-12-31', 'OPEN')];
		expect(
			reactivationPlan({ from: 'SUSPENDED', to: 'ACTIVE', today: d('2026-05-01'), cycles, rule: rule('*', 1) })
		).toMatchObject({ kind: 'kept', startsOn: '2027-01-01' });
	});

	it('never overlaps a decided cycle that still runs: the new one starts the day after it', () => {
		const cycles = [cycle('2026-01-01', '2026-12-31', 'LAPSED')];
		expect(
			reactivationPlan({ from: 'LAPSED', to: 'ACTIVE', today: d('2026-05-01'), cycles, rule: rule('*', 1) })
		).toMatchObject({ kind: 'open', startsOn: '2027-01-01', endsOn: '2027-12-31' });
	});

	it('a licence without cycles opens its first one from today', () => {
		expect(
			reactivationPlan({ from: 'LAPSED', to: 'ACTIVE', today: d('2026-05-01'), cycles: [], rule: rule('*', 1) })
		).toMatchObject({ kind: 'open', startsOn: '2026-05-01', endsOn: '2027-04-30' });
	});

	it('needs a rule when a cycle must open', () => {
		expect(
			reactivationPlan({ from: 'LAPSED', to: 'ACTIVE', today: d('2026-05-01'), cycles: lapsed, rule: null })
		).toEqual({ kind: 'no-rule' });
	});

	it('suspending, revoking, or saving an active licence as active again is not a reactivation', () => {
		const today = d('2026-05-01');
		for (const [from, to] of [
			['ACTIVE', 'SUSPENDED'],
			['LAPSED', 'REVOKED'],
			['ACTIVE', 'ACTIVE']
		])
			expect(reactivationPlan({ from, to, today, cycles: lapsed, rule: rule('*', 1) })).toEqual({ kind: 'none' });
	});
});
