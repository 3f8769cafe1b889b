// The worked examples of docs/domains/cpd-worked-examples.md, each as computed there by hand.
import { describe, expect, it } from 'vitest';
import { compliance, type Entry, type Rule } from './compliance';
import { accreditationLookup, type ModulePeriod, type ProviderPeriod } from '../licensing/accreditation-periods';
import { knownDay as d, type CalendarDay } from '$lib/calendar-day';
import { supervisionEntry } from './supervision-entries';

const rule: Rule = {
	totalCredits: 10,
	categoryMinimums: { ethics: 2 },
	categoryCaps: {},
	activityCaps: {},
	activityRates: {},
	selfReportedCounts: false,
	proRateFirstCycle: false,
	leaveReducesProRata: false,
	moduleRepeatCounts: false
};
const cycle2025 = {
	startsOn: d('2025-01-01'),
	endsOn: d('2025-12-31'),
	first: false,
	leaveDays: 0,
	licenceIssuedOn: d('2020-01-01')
};
const PROVIDER = 'academy';

/** A ledger read against accreditation periods, as compliance-data.ts reads it. */
function read(
	raw: {
		id: string;
		date: string;
		credits: number;
		category: string;
		type?: string;
		hours?: number;
		module?: string;
		status?: Entry['status'];
		disallowed?: boolean;
	}[],
	modules: ModulePeriod[],
	providers: ProviderPeriod[] = [{ organisationId: PROVIDER, from: d('2019-01-01'), to: null }]
): Entry[] {
	const acc = accreditationLookup(modules, providers);
	return raw.map((e) => {
		const day = d(e.date) as CalendarDay;
		return {
			id: e.id,
			activityDate: day,
			credits: e.credits,
			category: e.category,
			activityType: e.type ?? (e.module ? 'e-learning' : 'in-person'),
			hours: e.hours ?? null,
			source: e.module ? 'MODULE' : 'EXTERNAL',
			status: e.status ?? (e.module ? 'RECORDED' : 'APPROVED'),
			moduleId: e.module ?? null,
			accreditation: e.module ? acc.module(e.module, day) : undefined,
			providerAccredited: e.module ? undefined : acc.provider(PROVIDER, day),
			disallowed: e.disallowed
		};
	});
}
const run = (entries: Entry[], over: Partial<Parameters<typeof compliance>[0]> = {}) =>
	compliance({ rule, cycle: cycle2025, entries, licenceStatus: 'ACTIVE', ...over });

describe('worked examples (docs/domains/cpd-worked-examples.md)', () => {
	it('1. accreditation has dates: a completion the day before the period does not count', () => {
		const modules: ModulePeriod[] = [
			{ moduleId: 'diversion', from: d('2025-04-05'), to: null, credits: 2.5, category: 'ethics' }
		];
		const v = run(
			read([{ id: 'lina', date: '2025-04-04', credits: 2, category: 'child-protection', module: 'diversion' }], modules)
		);
		expect(v.entries).toEqual([
			{ id: 'lina', counted: 0, category: 'child-protection', type: 'e-learning', why: 'unaccredited' }
		]);
	});

	it('2. a change of credit value never changes the past: 2 before 1 June, 1 from then', () => {
		const modules: ModulePeriod[] = [
			{ moduleId: 'diversion', from: d('2025-01-01'), to: d('2025-05-31'), credits: 2, category: 'ethics' },
			{ moduleId: 'diversion', from: d('2025-06-01'), to: null, credits: 1, category: 'ethics' }
		];
		const lina = run(
			read([{ id: 'lina', date: '2025-05-10', credits: 2, category: 'ethics', module: 'diversion' }], modules)
		);
		const kofi = run(
			read([{ id: 'kofi', date: '2025-07-01', credits: 2, category: 'ethics', module: 'diversion' }], modules)
		);
		expect(lina.entries[0]).toMatchObject({ counted: 2, why: 'counted' });
		expect(kofi.entries[0]).toMatchObject({ counted: 1, why: 'counted' });
	});

	it('3. grace: the make-up credits cure 2025 (window to the grace end) and count 0 in 2026', () => {
		const ledger = read(
			[
				{ id: 'workshop', date: '2025-06-01', credits: 6, category: 'ethics' },
				{ id: 'make-up', date: '2026-01-20', credits: 4, category: 'ethics' }
			],
			[]
		);
		const atEnd = run(ledger);
		expect(atEnd.missing).toEqual([{ kind: 'total', short: 4 }]);
		const inGrace = run(ledger, { cycle: { ...cycle2025, endsOn: d('2026-01-30') } });
		expect(inGrace).toMatchObject({ status: 'met', earned: { total: 10 } });
		const counted2025 = inGrace.entries.filter((e) => e.counted > 0).map((e) => e.id);
		const cycle2026 = { ...cycle2025, startsOn: d('2026-01-01'), endsOn: d('2026-12-31') };
		const next = run(ledger, { cycle: cycle2026, countedEarlier: counted2025 });
		expect(next.entries.find((e) => e.id === 'make-up')).toEqual({
			id: 'make-up',
			counted: 0,
			category: 'ethics',
			type: 'in-person',
			why: 'counted-earlier'
		});
		expect(next.earned.total).toBe(0);
	});

	it('4. the same records read after the changes give 1 of 20 — which is why a decided cycle keeps its snapshot', () => {
		const raw = [
			{ id: 'diversion', date: '2025-03-01', credits: 4, category: 'ethics', module: 'diversion' },
			{ id: 'workshop', date: '2025-05-01', credits: 6, category: 'child-protection' }
		];
		const before = run(
			read(raw, [{ moduleId: 'diversion', from: d('2025-01-01'), to: null, credits: 4, category: 'ethics' }])
		);
		expect(before).toMatchObject({ status: 'met', earned: { total: 10 } });
		const after = run(
			read(
				raw,
				[
					{ moduleId: 'diversion', from: d('2025-01-01'), to: d('2025-01-31'), credits: 4, category: 'ethics' },
					{ moduleId: 'diversion', from: d('2025-02-01'), to: null, credits: 1, category: 'ethics' }
				],
				[{ organisationId: PROVIDER, from: d('2019-01-01'), to: d('2025-03-31') }]
			),
			{ rule: { ...rule, totalCredits: 20 } }
		);
		expect(after.earned.total).toBe(1);
		expect(after.missing).toContainEqual({ kind: 'total', short: 19 });
	});

	it('5. a failed audit disallows the audited entry: 6 of 10, 4 short', () => {
		const cycle2026 = { ...cycle2025, startsOn: d('2026-01-01'), endsOn: d('2026-12-31') };
		const v = run(
			read(
				[
					{ id: 'six', date: '2026-02-01', credits: 6, category: 'ethics' },
					{ id: 'four', date: '2026-03-01', credits: 4, category: 'ethics', disallowed: true }
				],
				[]
			),
			{ cycle: cycle2026 }
		);
		expect(v.entries.find((e) => e.id === 'four')).toMatchObject({ counted: 0, why: 'disallowed' });
		expect(v.missing).toEqual([{ kind: 'total', short: 4 }]);
	});

	it('6. partial approval: the approved 2 credits in Ethics count, and meet the Ethics minimum', () => {
		// compliance-data reads coalesce(approved, claimed): the approved values are what reaches the rule
		const v = run(read([{ id: 'claim', date: '2025-09-01', credits: 2, category: 'ethics' }], []));
		expect(v.earned.categories).toEqual({ ethics: 2 });
		expect(v.missing).toEqual([{ kind: 'total', short: 8 }]);
	});

	const typed: Rule = {
		...rule,
		activityCaps: { 'self-study': 0.3 },
		activityRates: { 'self-study': 0.5, 'in-person': 1, 'supervision-received': 0.5, 'field-instruction': 0.5 }
	};

	it('7. a minimum by area, a cap and a rate by type: 8 of 10, the online ethics course meets the Ethics minimum', () => {
		const v = run(
			read(
				[
					{ id: 'online-ethics', date: '2025-02-01', credits: 3, category: 'ethics', type: 'self-study', hours: 6 },
					{ id: 'reading', date: '2025-03-01', credits: 2, category: 'practice', type: 'self-study', hours: 4 },
					{ id: 'workshop', date: '2025-04-01', credits: 6, category: 'child-protection', type: 'in-person', hours: 5 }
				],
				[]
			),
			{ rule: typed }
		);
		expect(v.entries.map((e) => [e.id, e.counted, e.why])).toEqual([
			['online-ethics', 3, 'counted'],
			['reading', 0, 'capped'],
			['workshop', 5, 'rated']
		]);
		expect(v.earned).toEqual({
			total: 8,
			categories: { ethics: 3, practice: 0, 'child-protection': 5 },
			types: { 'self-study': 3, 'in-person': 5 }
		});
		expect(v.missing).toEqual([{ kind: 'total', short: 2 }]);
	});

	/** A confirmed session as compliance-data.ts reads it into the ledger. */
	const session = (id: string, date: string, minutes: number, kind: 'received' | 'given'): Entry => {
		const e = supervisionEntry({ id, date, minutes, kind });
		return { ...e, activityDate: d(date), hours: e.hours };
	};

	it('8. supervision as CPD: a 90-minute session with three functions counts once, 0.75; field instruction 2 h = 1', () => {
		const lina = run([session('s1', '2025-05-06', 90, 'received')], { rule: typed });
		expect(lina.entries).toEqual([
			{ id: 'session-s1', counted: 0.75, category: 'practice', type: 'supervision-received', why: 'counted' }
		]);
		const kofi = run([session('s2', '2025-04-10', 120, 'given')], { rule: typed });
		expect(kofi.entries).toEqual([
			{ id: 'instruction-s2', counted: 1, category: 'supervision', type: 'field-instruction', why: 'counted' }
		]);
		// no rate for the type: listed, counts nothing
		const none = run([session('s1', '2025-05-06', 90, 'received')]);
		expect(none.entries[0]).toMatchObject({ counted: 0, why: 'not-in-rule' });
		expect(none.earned.total).toBe(0);
	});
});
