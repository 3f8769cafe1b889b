// Exemptions and waivers a regulator grants one licence for a period (calendar days, both included), when the cycle's
// renewal rule allows them (`exemptionsAllowed`). A pure rule: what the licence's exemptions do to one cycle.
//   WAIVER     the cycles it covers entirely are met without credits (e.g. serious illness for the whole cycle); a
//              waiver that covers only part of a cycle reduces that cycle like a reduction (its days count as exempt).
//   REDUCTION  the cycle's requirement is reduced pro rata by the days of the cycle it covers (like documented leave).
// Days are counted once even when two exemptions overlap, and only days inside the cycle's window count.
import { daysInclusive, maxDay, minDay, type CalendarDay } from '$lib/calendar-day';

export const EXEMPTION_KINDS = ['WAIVER', 'REDUCTION'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

export interface ExemptionPeriod {
	id: string;
	kind: ExemptionKind;
	fromOn: CalendarDay; // inclusive
	toOn: CalendarDay; // inclusive
	/** a revoked exemption never applies (callers usually pass only the ones not revoked) */
	revokedAt?: Date | null;
}

export interface ExemptionEffect {
	/** waivers cover every day of the window: the cycle is met without credits */
	waived: boolean;
	/** days of the window covered by at least one exemption (of either kind), each day once */
	exemptDays: number;
	/** the exemptions that cover at least one day of the window, earliest first */
	ids: string[];
}

/**
 * What the licence's exemptions do to a cycle window (from, to: the cycle's own start and end, both included — the
 * window the requirement factor is computed on).
 */
export function exemptionEffect(
	window: { from: CalendarDay; to: CalendarDay },
	exemptions: readonly ExemptionPeriod[]
): ExemptionEffect {
	if (window.to < window.from) return { waived: false, exemptDays: 0, ids: [] };
	const inside = exemptions
		.filter((e) => !e.revokedAt && e.fromOn <= e.toOn && e.fromOn <= window.to && e.toOn >= window.from)
		.map((e) => ({ id: e.id, kind: e.kind, from: maxDay(e.fromOn, window.from), to: minDay(e.toOn, window.to) }))
		.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id));
	const length = daysInclusive(window.from, window.to);
	const waived = coveredDays(inside.filter((e) => e.kind === 'WAIVER')) === length;
	return { waived, exemptDays: coveredDays(inside), ids: inside.map((e) => e.id) };
}

/** Days covered by the union of periods sorted by their first day. */
function coveredDays(periods: readonly { from: CalendarDay; to: CalendarDay }[]): number {
	let days = 0;
	let run: { from: CalendarDay; to: CalendarDay } | null = null;
	for (const p of periods) {
		if (run && p.from <= run.to) {
			if (p.to > run.to) run.to = p.to;
			continue;
		}
		if (run) days += daysInclusive(run.from, run.to);
		run = { from: p.from, to: p.to };
	}
	if (run) days += daysInclusive(run.from, run.to);
	return days;
}
