// Reinstating a licence goes through cycles: a licence set ACTIVE again (from lapsed, suspended or revoked) must have a
// cycle to earn CPD in. Pure: the licence's cycles, today and the jurisdiction's rules in; which cycle opens, if any, out.
import { addDays, addMonths, type CalendarDay } from '$lib/calendar-day';

export interface PlanCycle {
	startsOn: CalendarDay;
	endsOn: CalendarDay;
	outcome: string;
	graceUntil: CalendarDay | null;
}

export interface PlanRule {
	id: string;
	cadreKey: string;
	version: number;
	cycleMonths: number;
}

export type ReactivationPlan =
	/** not a reactivation (the licence was already active, or is being suspended or revoked): cycles are left alone */
	| { kind: 'none' }
	/** an undecided cycle runs today or is still to come: it stays, none is added */
	| { kind: 'kept'; startsOn: CalendarDay; endsOn: CalendarDay }
	/** an undecided cycle has ended and waits for its renewal decision, which opens the next cycle: none is added */
	| { kind: 'waiting'; endsOn: CalendarDay }
	/** a new cycle opens under the current rule */
	| { kind: 'open'; startsOn: CalendarDay; endsOn: CalendarDay; rule: PlanRule }
	/** a cycle is needed but the jurisdiction has no renewal rule for the licence's cadre */
	| { kind: 'no-rule' };

const UNDECIDED = ['OPEN', 'GRACE'];

/** The rule a new cycle starts under: the newest version for the cadre, else the newest for every cadre ('*'). */
export function currentRule<R extends PlanRule>(rules: R[], cadre: string | null): R | null {
	const newest = (key: string) =>
		rules.filter((r) => r.cadreKey === key).reduce<R | null>((a, r) => (!a || r.version > a.version ? r : a), null);
	return (cadre ? newest(cadre) : null) ?? newest('*');
}

/**
 * What setting the licence's status from `from` to `to` does to its cycles. Only a change to ACTIVE from another
 * status is a reactivation. An undecided cycle (open or in grace) is never doubled: one that covers today or starts
 * later is kept; one that has ended waits for its decision (renewing it opens the next cycle, from the day after its
 * end). Otherwise a cycle opens on `today`, as long as the current rule's cycle, and never overlaps a decided one.
 */
export function reactivationPlan(input: {
	from: string;
	to: string;
	today: CalendarDay;
	cycles: PlanCycle[];
	rule: PlanRule | null;
}): ReactivationPlan {
	const { from, to, today, cycles, rule } = input;
	if (to !== 'ACTIVE' || from === 'ACTIVE') return { kind: 'none' };
	const undecided = cycles
		.filter((c) => UNDECIDED.includes(c.outcome))
		.sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
	if (undecided) {
		const end = undecided.outcome === 'GRACE' && undecided.graceUntil ? undecided.graceUntil : undecided.endsOn;
		return end >= today
			? { kind: 'kept', startsOn: undecided.startsOn, endsOn: undecided.endsOn }
			: { kind: 'waiting', endsOn: undecided.endsOn };
	}
	if (!rule) return { kind: 'no-rule' };
	const lastEnd = cycles.reduce<CalendarDay | null>((a, c) => (!a || c.endsOn > a ? c.endsOn : a), null);
	const startsOn = lastEnd && lastEnd >= today ? addDays(lastEnd, 1) : today;
	return { kind: 'open', startsOn, endsOn: addDays(addMonths(startsOn, rule.cycleMonths), -1), rule };
}
