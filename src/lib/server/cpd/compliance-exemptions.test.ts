// What an exemption does to the compliance verdict (issue 18, exemptions and waivers). The input comes from
// licensing/exemptions.ts `exemptionEffect(cycle window, the licence's exemptions not revoked)`:
//   waived      → the cycle is met with nothing missing, and the verdict says `waived: true`
//   exemptDays  → the requirement factor is reduced like documented leave: × (days of the cycle − exemptDays) / days,
//                 whatever `leaveReducesProRata` says (the rule's `exemptionsAllowed` already gated the grant)
// Worked examples, by hand, on a 365-day cycle (2026) and a rule of 20 credits with ethics ≥ 2, child-protection ≥ 4.
import { describe, expect, it } from 'vitest';
import { compliance, type Entry, type Rule, type Cycle, type Verdict } from './compliance';

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
	id: `x${++n}`,
	activityDate: '2026-06-01',
	credits,
	category,
	activityType: 'in-person',
	source: 'EXTERNAL',
	status: 'APPROVED',
	providerAccredited: true,
	...over
});
type Exemption = { waived: boolean; exemptDays: number };
type Input = Parameters<typeof compliance>[0] & { exemption?: Exemption };
/** compliance() with the `exemption` input the lead wires in (cast: until then the type does not have it). */
const run = (entries: Entry[], exemption?: Exemption, over: Partial<Input> = {}) =>
	compliance({ rule, cycle, entries, licenceStatus: 'ACTIVE', exemption, ...over } as Input as never) as Verdict & {
		waived?: boolean;
	};

describe('compliance with an exemption or a waiver', () => {
	it('no exemption: nothing changes and the verdict is not waived', () => {
		const v = run([entry(2, 'ethics')]);
		expect(v.status).toBe('not-met');
		expect(v.factor).toBe(1);
		expect(v.required.total).toBe(20);
		expect(v.waived).toBe(false);
		// the same with an exemption that covers no day
		expect(run([entry(2, 'ethics')], { waived: false, exemptDays: 0 })).toMatchObject({
			status: 'not-met',
			factor: 1,
			waived: false
		});
	});

	it('a waiver of the whole cycle: met with no credits at all, nothing missing, marked waived', () => {
		const v = run([], { waived: true, exemptDays: 365 });
		expect(v.status).toBe('met');
		expect(v.missing).toEqual([]);
		expect(v.waived).toBe(true);
		expect(v.earned.total).toBe(0);
	});

	it('a waiver keeps the entries and how they counted (the record still explains every entry)', () => {
		const e = entry(3, 'ethics');
		const v = run([e], { waived: true, exemptDays: 365 });
		expect(v.status).toBe('met');
		expect(v.entries).toEqual([{ id: e.id, counted: 3, category: 'ethics', type: 'in-person', why: 'counted' }]);
		expect(v.earned.total).toBe(3);
	});

	it('a waiver does not renew a suspended licence', () => {
		const v = run([], { waived: true, exemptDays: 365 }, { licenceStatus: 'SUSPENDED' });
		expect(v.status).toBe('not-renewable');
	});

	it('73 exempt days of 365 reduce the requirement by a fifth: 16 in total, ethics 1.6, child protection 3.2', () => {
		// factor = (365 − 73) / 365 = 0.8; 20 × 0.8 = 16; 2 × 0.8 = 1.6; 4 × 0.8 = 3.2
		const v = run([entry(1.6, 'ethics'), entry(3.2, 'child-protection'), entry(11.2, 'practice')], {
			waived: false,
			exemptDays: 73
		});
		expect(v.factor).toBeCloseTo(0.8, 10);
		expect(v.required).toEqual({ total: 16, categories: { ethics: 1.6, 'child-protection': 3.2 } });
		expect(v.status).toBe('met');
		expect(v.waived).toBe(false);
	});

	it('exempt days reduce the requirement even when the rule does not reduce it for leave', () => {
		const v = run([], { waived: false, exemptDays: 73 }, { rule: { ...rule, leaveReducesProRata: false } });
		expect(v.required.total).toBe(16);
	});

	it('exempt days and documented leave each reduce the factor, like leave and a pro-rated first cycle', () => {
		// leave 73 days: × 0.8; exemption 73 days: × 0.8 → 0.64; 20 × 0.64 = 12.8
		const v = run([], { waived: false, exemptDays: 73 }, { cycle: { ...cycle, leaveDays: 73 } });
		expect(v.factor).toBeCloseTo(0.64, 10);
		expect(v.required.total).toBe(12.8);
	});

	it('with a pro-rated first cycle: issued 2 July (183 days left of 365) and 61 exempt days', () => {
		// 183/365 × (365 − 61)/365 = 183 × 304 / 133225 = 0.41758…; 20 × that = 8.35 (to the cent, rounded)
		const v = run(
			[],
			{ waived: false, exemptDays: 61 },
			{ cycle: { ...cycle, first: true, licenceIssuedOn: '2026-07-02' } }
		);
		expect(v.factor).toBeCloseTo((183 / 365) * (304 / 365), 10);
		expect(v.required.total).toBe(8.35);
	});

	it('a cap follows the reduced requirement: self-study counts up to half of 16, not of 20', () => {
		const v = run([entry(10, 'practice', { activityType: 'self-study' })], { waived: false, exemptDays: 73 });
		expect(v.entries[0]).toMatchObject({ counted: 8, why: 'capped' });
	});

	it('a reduction that covers every day of the cycle: nothing required, met, but not waived', () => {
		const v = run([], { waived: false, exemptDays: 365 });
		expect(v.factor).toBe(0);
		expect(v.required.total).toBe(0);
		expect(v.status).toBe('met');
		expect(v.waived).toBe(false);
	});
});
