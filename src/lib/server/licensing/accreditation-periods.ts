// Accreditation over time (issue 18): a provider's or a module's accreditation is a series of periods, each from a day
// to a day (or open-ended), never overlapping. A credit counts only for an activity dated inside a period, with that
// period's credit value; a change of value is a new period from its effective day, and the earlier ones are never
// rewritten — only an open-ended period is closed, the day before the next begins. Pure.
import { addDays, type CalendarDay } from '$lib/calendar-day';
import { termsCover } from '../authoring/terms';

export interface Period {
	from: CalendarDay;
	/** the last day it applies; null while open-ended */
	to: CalendarDay | null;
}

/** The period in force on `day` (the latest that starts on or before it and has not ended), or null. */
export function inForceOn<T extends Period>(periods: readonly T[], day: CalendarDay): T | null {
	let found: T | null = null;
	for (const p of periods)
		if (p.from <= day && (p.to === null || day <= p.to) && (!found || p.from > found.from)) found = p;
	return found;
}

export type PlanProblem =
	/** a period starts on or after the effective day: a change cannot be slipped in before it */
	| { kind: 'later-period'; from: CalendarDay }
	/** the same value is already in force from an earlier day, open-ended: nothing to change */
	| { kind: 'unchanged' }
	/** ending an accreditation that is not in force on that day */
	| { kind: 'not-in-force' };

export type Plan<V> =
	| { problem: PlanProblem }
	| { problem: null; close: { period: Period & { id: string }; to: CalendarDay } | null; open: (Period & V) | null };

/**
 * What granting `value` from `from` (or, with `value` null, ending the accreditation from `from`) does to the existing
 * periods: which open period is closed and on which day, and the new period. Refused when a period already starts on
 * or after `from` (that would rewrite it), when nothing would change, or when ending what is not in force.
 */
export function planChange<V extends object>(
	periods: readonly (Period & { id: string } & V)[],
	from: CalendarDay,
	value: V | null,
	same: (a: V, b: V) => boolean
): Plan<V> {
	const later = periods.filter((p) => p.from >= from).sort((a, b) => a.from.localeCompare(b.from))[0];
	if (later) return { problem: { kind: 'later-period', from: later.from } };
	const current = inForceOn(periods, from);
	if (value === null) {
		if (!current) return { problem: { kind: 'not-in-force' } };
		return { problem: null, close: { period: current, to: addDays(from, -1) }, open: null };
	}
	if (current && current.to === null && same(current, value)) return { problem: { kind: 'unchanged' } };
	// a period in force that ends after `from` is cut the day before; one that has ended already stays as it is
	const close = current ? { period: current, to: addDays(from, -1) } : null;
	return { problem: null, close, open: { ...value, from, to: null } };
}

/** `terms`: what the accredited version rests on (authoring/terms.ts); null or absent for one recorded before terms */
export type ModulePeriod = Period & { moduleId: string; credits: number; category: string; terms?: string | null };
export type ProviderPeriod = Period & { organisationId: string };

/**
 * The accreditation a ledger is read against: the module's credits and category, and whether the provider is
 * accredited, on an activity's date. A module completion counts only under a period whose terms cover the terms of
 * the version completed (issue 22: a version with new terms waits for the regulator). `legacy` reads it as before
 * periods existed (whatever is not ended counts, whatever the date) — only to snapshot decisions made then, as they
 * were made.
 */
export function accreditationLookup(modules: ModulePeriod[], providers: ProviderPeriod[], legacy = false) {
	const byModule = groupBy(modules, (a) => a.moduleId);
	const byProvider = groupBy(providers, (a) => a.organisationId);
	return {
		module(
			moduleId: string,
			day: CalendarDay,
			versionTerms?: string | null
		): { credits: number; category: string } | null {
			const mine = (byModule.get(moduleId) ?? []).filter((a) => termsCover(a.terms, versionTerms));
			const found = legacy ? mine.findLast((a) => a.to === null) : inForceOn(mine, day);
			return found ? { credits: found.credits, category: found.category } : null;
		},
		provider(organisationId: string, day: CalendarDay): boolean {
			const mine = byProvider.get(organisationId) ?? [];
			return legacy ? mine.some((a) => a.to === null) : !!inForceOn(mine, day);
		}
	};
}

/** Rows by key (Map.groupBy, which Node 20 lacks). */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
	return out;
}
