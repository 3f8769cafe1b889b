import { describe, expect, it } from 'vitest';
import { compliance, requirementFactor, type Entry, type Rule, type Cycle } from './compliance';

const rule: Rule = {
	totalCredits: 20,
	categoryMinimums: { ethics: 2, 'child-protection': 4 },
	categoryCaps: {},
	activityCaps: { 'self-study': 0.5 },
	activityRates: {},
	selfReportedCounts: true,
	proRateFirstCycle: true,
	leaveReducesProRata: true,
	moduleRepeatCounts: false
};
const cycle: Cycle = {
	startsOn: '2026-01-01',
	endsOn: '2026-12-31',
	first: false,
	leaveDays: 0,
	licenceIssuedOn: '2020-01-01'
};
let n = 0;
const entry = (credits: number, category: string, over: Partial<Entry> = {}): Entry => ({
	id: `e${++n}`,
	activityDate: '2026-06-01',
	credits,
	category,
	activityType: 'in-person',
	source: 'EXTERNAL',
	status: 'APPROVED',
	providerAccredited: true,
	...over
});
const run = (entries: Entry[], over: Partial<Parameters<typeof compliance>[0]> = {}) =>
	compliance({ rule, cycle, entries, licenceStatus: 'ACTIVE', ...over });

describe('CPD compliance', () => {
	it('met: total and every category minimum reached', () => {
		const v = run([entry(2, 'ethics'), entry(4, 'child-protection'), entry(14, 'practice')]);
		expect(v.status).toBe('met');
		expect(v.missing).toEqual([]);
		expect(v.earned.total).toBe(20);
	});

	it('category minimums met but total not: not met, says how many credits short', () => {
		const v = run([entry(2, 'ethics'), entry(4, 'child-protection'), entry(5, 'practice')]);
		expect(v.status).toBe('not-met');
		expect(v.missing).toEqual([{ kind: 'total', short: 9 }]);
	});

	it('total met but a category not: not met, names the category', () => {
		const v = run([entry(2, 'ethics'), entry(18, 'practice')]);
		expect(v.status).toBe('not-met');
		expect(v.missing).toEqual([{ kind: 'category', category: 'child-protection', short: 4 }]);
	});

	it('a cap exceeded: only the allowed share of the required total counts', () => {
		const big = entry(15, 'practice', { activityType: 'self-study' });
		const v = run([entry(2, 'ethics'), entry(4, 'child-protection'), big]);
		expect(v.entries.find((e) => e.id === big.id)).toEqual({
			id: big.id,
			counted: 10,
			category: 'practice',
			type: 'self-study',
			why: 'capped'
		});
		expect(v.earned.total).toBe(16);
		expect(v.missing).toEqual([{ kind: 'total', short: 4 }]);
	});

	it('entries outside the cycle by activity date do not count (approval date is irrelevant)', () => {
		const before = entry(20, 'practice', { activityDate: '2025-12-31' });
		const after = entry(20, 'practice', { activityDate: '2027-01-01' });
		const edge = entry(2, 'ethics', { activityDate: '2026-12-31' });
		const v = run([before, after, edge]);
		expect(v.entries.filter((e) => e.why === 'outside-cycle').map((e) => e.id)).toEqual([before.id, after.id]);
		expect(v.earned.total).toBe(2);
	});

	it('rejected, pending and unaccredited entries do not count, each with its reason', () => {
		const v = run([
			entry(5, 'practice', { status: 'REJECTED' }),
			entry(5, 'practice', { status: 'PENDING' }),
			entry(5, 'practice', { source: 'MODULE', status: 'RECORDED', moduleId: 'm1', accreditation: null })
		]);
		expect(v.entries.map((e) => e.why)).toEqual(['rejected', 'pending', 'unaccredited']);
		expect(v.earned.total).toBe(0);
	});

	it('an accredited module counts with the credits and category the regulator confirmed', () => {
		const m = entry(2, 'practice', {
			source: 'MODULE',
			status: 'RECORDED',
			moduleId: 'm2',
			accreditation: { credits: 3, category: 'ethics' }
		});
		const v = run([m]);
		expect(v.entries[0]).toEqual({ id: m.id, counted: 3, category: 'ethics', type: 'in-person', why: 'counted' });
	});

	it('self-reported activities count only when the rule says so', () => {
		const self = entry(5, 'practice', { providerAccredited: false });
		expect(run([self]).earned.total).toBe(5);
		expect(run([self], { rule: { ...rule, selfReportedCounts: false } }).entries[0].why).toBe('self-reported');
	});

	it('a module counted in an earlier cycle counts again only when the rule allows it', () => {
		const m = entry(2, 'practice', {
			source: 'MODULE',
			status: 'RECORDED',
			moduleId: 'm3',
			accreditation: { credits: 2, category: 'practice' }
		});
		expect(run([m], { modulesCountedBefore: ['m3'] }).entries[0].why).toBe('repeat-module');
		expect(run([m], { modulesCountedBefore: ['m3'], rule: { ...rule, moduleRepeatCounts: true } }).earned.total).toBe(
			2
		);
	});

	it('a rule version changed between cycles: each cycle is judged by its own version', () => {
		const entries = [entry(2, 'ethics'), entry(4, 'child-protection'), entry(14, 'practice')];
		const v1 = run(entries);
		const v2 = run(entries, { rule: { ...rule, totalCredits: 30 } });
		expect(v1.status).toBe('met');
		expect(v2.status).toBe('not-met');
		expect(v2.missing).toEqual([{ kind: 'total', short: 10 }]);
	});

	it('a pro-rated first cycle: a licence issued halfway needs about half', () => {
		const first: Cycle = { ...cycle, first: true, licenceIssuedOn: '2026-07-02' };
		expect(requirementFactor(rule, first)).toBeCloseTo(183 / 365, 5);
		const v = run([entry(1, 'ethics'), entry(2, 'child-protection'), entry(7.03, 'practice')], { cycle: first });
		expect(v.required.total).toBe(10.03);
		expect(v.required.categories).toEqual({ ethics: 1, 'child-protection': 2.01 });
		expect(v.missing).toEqual([{ kind: 'category', category: 'child-protection', short: 0.01 }]);
		expect(
			run([entry(20, 'practice')], { cycle: first, rule: { ...rule, proRateFirstCycle: false } }).required.total
		).toBe(20);
	});

	it('an exemption: documented leave reduces the requirement pro rata', () => {
		const leave: Cycle = { ...cycle, leaveDays: 73 }; // a fifth of the year
		const v = run([entry(1.6, 'ethics'), entry(3.2, 'child-protection'), entry(11.2, 'practice')], { cycle: leave });
		expect(v.required.total).toBe(16);
		expect(v.status).toBe('met');
		expect(run([], { cycle: leave, rule: { ...rule, leaveReducesProRata: false } }).required.total).toBe(20);
	});

	it('a lapsed licence is not renewable, even with every credit earned; its credits are still counted', () => {
		const v = run([entry(2, 'ethics'), entry(4, 'child-protection'), entry(14, 'practice')], {
			licenceStatus: 'LAPSED'
		});
		expect(v.status).toBe('not-renewable');
		expect(v.earned.total).toBe(20);
		expect(v.missing).toEqual([]);
	});

	it('a suspended licence is not renewable whatever the ledger holds', () => {
		expect(run([], { licenceStatus: 'SUSPENDED' }).status).toBe('not-renewable');
	});

	it('in grace: activity up to the grace end counts, and the requirement stays that of the cycle (not of its grace)', () => {
		const late = entry(3, 'ethics', { activityDate: '2027-01-20' });
		const v = run([entry(2, 'child-protection'), late], {
			cycle: { ...cycle, leaveDays: 73, countsUntil: '2027-02-28' }
		});
		// leave 73 of the cycle's 365 days: factor 0.8 (not 73 of 424 days with the grace)
		expect(v.factor).toBeCloseTo(0.8, 10);
		expect(v.entries.find((e) => e.id === late.id)).toMatchObject({ counted: 3, why: 'counted' });
		expect(run([late], { cycle }).entries[0].why).toBe('outside-cycle');
	});
});
