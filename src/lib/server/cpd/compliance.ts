// The CPD compliance rule: one pure function. Given a rule version, a cycle and the worker's ledger, it says which
// entries count, how much, what is still missing, and the verdict. Every number comes from the rule (regulator data).
import { daysInclusive, type CalendarDay } from '$lib/calendar-day';

export interface Rule {
	totalCredits: number;
	/** minimum credits per content area */
	categoryMinimums: Record<string, number>;
	/** share of the required total one content area may contribute at most (0.5 = half) */
	categoryCaps: Record<string, number>;
	/** share of the required total one activity type may contribute at most */
	activityCaps: Record<string, number>;
	/**
	 * credits per hour of an activity type: an activity with stated hours counts at most hours × rate; supervision
	 * received and field instruction given count only at their rate (no rate: not CPD under this rule)
	 */
	activityRates: Record<string, number>;
	selfReportedCounts: boolean;
	proRateFirstCycle: boolean;
	leaveReducesProRata: boolean;
	moduleRepeatCounts: boolean;
}

export interface Cycle {
	startsOn: CalendarDay; // inclusive
	endsOn: CalendarDay; // inclusive
	/** in grace: activity counts up to the grace end (inclusive), while the requirement stays that of the cycle's days */
	countsUntil?: CalendarDay;
	first: boolean;
	leaveDays: number;
	licenceIssuedOn: CalendarDay;
}

export interface Entry {
	id: string;
	activityDate: CalendarDay;
	credits: number;
	/** the content area */
	category: string;
	/** how it was delivered ($lib/cpd-types.ts) */
	activityType: string;
	/** the hours it took, when stated (supervision: the session's minutes, once per session, in hours) */
	hours?: number | null;
	/** MODULE: a completion; EXTERNAL: a claim reviewed; SUPERVISION: a confirmed supervision session */
	source: 'MODULE' | 'EXTERNAL' | 'SUPERVISION';
	status: 'RECORDED' | 'PENDING' | 'APPROVED' | 'REJECTED';
	moduleId?: string | null;
	/** modules: the regulator's accreditation (credits and category it confirmed), or null if not accredited */
	accreditation?: { credits: number; category: string } | null;
	/** external activities: true when delivered by a provider accredited on the activity's date, false otherwise */
	providerAccredited?: boolean;
	/** disallowed after a failed audit: never counts */
	disallowed?: boolean;
}

export type LicenceState = 'ACTIVE' | 'LAPSED' | 'SUSPENDED' | 'REVOKED';

export type Why =
	| 'counted'
	| 'capped'
	| 'outside-cycle'
	| 'pending'
	| 'rejected'
	| 'unaccredited'
	| 'self-reported'
	| 'repeat-module'
	| 'counted-earlier'
	| 'disallowed'
	| 'rated'
	| 'not-in-rule';

export interface Verdict {
	status: 'met' | 'not-met' | 'not-renewable';
	/** the regulator waived this cycle's requirement (an exemption of the licence): met without credits */
	waived: boolean;
	licenceStatus: LicenceState;
	factor: number;
	required: { total: number; categories: Record<string, number> };
	/** `types` is absent from the snapshots of cycles decided before activity types existed */
	earned: { total: number; categories: Record<string, number>; types?: Record<string, number> };
	entries: { id: string; counted: number; category: string; type?: string; why: Why }[];
	missing: ({ kind: 'total'; short: number } | { kind: 'category'; category: string; short: number })[];
}

const cents = (n: number) => Math.round(n * 100);
const units = (c: number) => c / 100;

/**
 * The share of the full requirement that applies: a pro-rated first cycle, documented leave and the days an exemption
 * of the licence covers reduce it (exempt days whatever the rule says of leave: the rule allowed the exemption).
 */
export function requirementFactor(rule: Rule, cycle: Cycle, exemptDays = 0): number {
	const length = daysInclusive(cycle.startsOn, cycle.endsOn);
	let factor = 1;
	if (exemptDays > 0) factor *= Math.max(0, length - exemptDays) / length;
	if (cycle.first && rule.proRateFirstCycle && cycle.licenceIssuedOn > cycle.startsOn) {
		factor *= Math.max(0, daysInclusive(cycle.licenceIssuedOn, cycle.endsOn)) / length;
	}
	if (rule.leaveReducesProRata && cycle.leaveDays > 0) factor *= Math.max(0, length - cycle.leaveDays) / length;
	return Math.min(1, Math.max(0, factor));
}

export function compliance(input: {
	rule: Rule;
	cycle: Cycle;
	entries: Entry[];
	licenceStatus: LicenceState;
	/** modules already counted in an earlier cycle of this licence */
	modulesCountedBefore?: string[];
	/** entries a decided cycle counted (a cycle cured in grace keeps its make-up credits): they never count twice */
	countedEarlier?: string[];
	/** the licence's exemptions over this cycle (licensing/exemptions.ts): waived, or days that reduce the requirement */
	exemption?: { waived: boolean; exemptDays: number };
}): Verdict {
	const { rule, cycle, licenceStatus } = input;
	const waived = input.exemption?.waived ?? false;
	const before = new Set(input.modulesCountedBefore ?? []);
	const earlier = new Set(input.countedEarlier ?? []);
	const factor = requirementFactor(rule, cycle, input.exemption?.exemptDays ?? 0);
	const requiredTotal = cents(rule.totalCredits * factor);
	const requiredCats = Object.fromEntries(
		Object.entries(rule.categoryMinimums).map(([c, n]) => [c, cents(n * factor)])
	);

	const result: Verdict['entries'] = [];
	const eligible: { id: string; credits: number; category: string; type: string; rated: boolean }[] = [];
	for (const e of [...input.entries].sort(
		(a, b) => a.activityDate.localeCompare(b.activityDate) || a.id.localeCompare(b.id)
	)) {
		let why: Why | null = null;
		let credits = e.credits;
		let category = e.category;
		let rated = false;
		const rate = rule.activityRates[e.activityType];
		if (e.activityDate < cycle.startsOn || e.activityDate > (cycle.countsUntil ?? cycle.endsOn)) why = 'outside-cycle';
		else if (earlier.has(e.id)) why = 'counted-earlier';
		else if (e.status === 'PENDING') why = 'pending';
		else if (e.status === 'REJECTED') why = 'rejected';
		else if (e.disallowed) why = 'disallowed';
		else if (e.source === 'MODULE') {
			if (!e.accreditation) why = 'unaccredited';
			else if (e.moduleId && before.has(e.moduleId) && !rule.moduleRepeatCounts) why = 'repeat-module';
			else ({ credits, category } = e.accreditation);
		} else if (e.source === 'SUPERVISION') {
			// recorded from a confirmed session: CPD only where the rule gives its type a rate
			if (!rate || e.hours == null) why = 'not-in-rule';
			else credits = e.hours * rate;
		} else if (!e.providerAccredited && !rule.selfReportedCounts) why = 'self-reported';
		else if (rate !== undefined && e.hours != null && e.hours * rate < credits) {
			// the rule's rate for the type caps what the stated hours can earn
			credits = e.hours * rate;
			rated = true;
		}
		if (why) result.push({ id: e.id, counted: 0, category, type: e.activityType, why });
		else eligible.push({ id: e.id, credits: Math.floor(credits * 100 + 1e-6), category, type: e.activityType, rated });
	}

	// caps: a content area and an activity type each contribute at most their share of the required total; earliest
	// activities count first
	const used: Record<string, number> = {};
	const usedTypes: Record<string, number> = {};
	const room = (caps: Record<string, number>, key: string, done: Record<string, number>) => {
		const share = caps[key];
		return share === undefined ? Infinity : Math.max(0, Math.floor(requiredTotal * share) - (done[key] ?? 0));
	};
	for (const e of eligible) {
		const counted = Math.min(
			e.credits,
			room(rule.categoryCaps, e.category, used),
			room(rule.activityCaps ?? {}, e.type, usedTypes)
		);
		used[e.category] = (used[e.category] ?? 0) + counted;
		usedTypes[e.type] = (usedTypes[e.type] ?? 0) + counted;
		result.push({
			id: e.id,
			counted: units(counted),
			category: e.category,
			type: e.type,
			why: counted < e.credits ? 'capped' : e.rated ? 'rated' : 'counted'
		});
	}

	const earnedTotal = Object.values(used).reduce((a, b) => a + b, 0);
	const missing: Verdict['missing'] = [];
	// a waived cycle misses nothing; its entries still say how each counted
	if (!waived && earnedTotal < requiredTotal)
		missing.push({ kind: 'total', short: units(requiredTotal - earnedTotal) });
	for (const [category, need] of waived ? [] : Object.entries(requiredCats)) {
		const have = used[category] ?? 0;
		if (have < need) missing.push({ kind: 'category', category, short: units(need - have) });
	}
	const order = new Map(input.entries.map((e, i) => [e.id, i]));
	return {
		status: licenceStatus !== 'ACTIVE' ? 'not-renewable' : missing.length ? 'not-met' : 'met',
		waived,
		licenceStatus,
		factor,
		required: {
			total: units(requiredTotal),
			categories: Object.fromEntries(Object.entries(requiredCats).map(([c, n]) => [c, units(n)]))
		},
		earned: {
			total: units(earnedTotal),
			categories: Object.fromEntries(Object.entries(used).map(([c, n]) => [c, units(n)])),
			types: Object.fromEntries(Object.entries(usedTypes).map(([t, n]) => [t, units(n)]))
		},
		entries: result.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)),
		missing
	};
}
