// Which renewal decisions a cycle allows today, and why the others are not possible: the licence page offers only the
// allowed ones and lists the rest with their reason; decideRenewal refuses a decision posted anyway with that reason.
// Pure: the cycle, the compliance verdict and today in the licence's jurisdiction in, the options out.
import { addDays, type CalendarDay } from '$lib/calendar-day';
import { formatDay } from '$lib/dates';
import { m } from '$lib/paraglide/messages';

export const RENEWAL_DECISIONS = ['renew', 'grace', 'lapse'] as const;
export type RenewalDecision = (typeof RENEWAL_DECISIONS)[number];

export interface DecisionCycle {
	outcome: string;
	endsOn: CalendarDay;
	graceUntil: CalendarDay | null;
}

export type DecisionOption =
	| { decision: RenewalDecision; allowed: true }
	| {
			decision: RenewalDecision;
			allowed: false;
			reason: string;
	  };

/** Why `decision` cannot be taken now, or null when it can. */
function refusal(
	decision: RenewalDecision,
	cycle: DecisionCycle,
	verdict: string | null,
	today: CalendarDay
): string | null {
	if (cycle.outcome !== 'OPEN' && cycle.outcome !== 'GRACE') return m.renewal_decided();
	const met = verdict === 'met';
	const ended = today > cycle.endsOn;
	const inGrace = cycle.outcome === 'GRACE';
	switch (decision) {
		case 'renew':
			if (verdict === 'not-renewable') return m.decision_not_active();
			return met ? null : inGrace ? m.decision_renew_still_short() : m.decision_renew_short();
		case 'grace':
			if (inGrace)
				return cycle.graceUntil
					? m.decision_grace_granted({ date: formatDay(cycle.graceUntil) })
					: m.renewal_grace_wrong();
			if (met) return m.decision_met_renew();
			if (!ended) return m.decision_not_ended({ date: formatDay(cycle.endsOn) });
			return null;
		case 'lapse':
			if (!inGrace)
				return ended ? m.decision_lapse_grace_first() : m.decision_not_ended({ date: formatDay(cycle.endsOn) });
			if (!cycle.graceUntil) return m.renewal_lapse_wrong();
			if (today <= cycle.graceUntil)
				return m.decision_lapse_grace_runs({
					date: formatDay(cycle.graceUntil),
					from: formatDay(addDays(cycle.graceUntil, 1))
				});
			if (met) return m.decision_met_renew();
			return null;
	}
}

/** Each renewal decision (renew, grace, lapse) with `allowed` and, when not, the reason in words. */
export function decisionOptions(cycle: DecisionCycle, verdict: string | null, today: CalendarDay): DecisionOption[] {
	return RENEWAL_DECISIONS.map((decision) => {
		const reason = refusal(decision, cycle, verdict, today);
		return reason === null ? { decision, allowed: true as const } : { decision, allowed: false as const, reason };
	});
}

/** The reason `decision` is refused now, or null when it is allowed. */
export function decisionRefusal(
	decision: RenewalDecision,
	cycle: DecisionCycle,
	verdict: string | null,
	today: CalendarDay
): string | null {
	return refusal(decision, cycle, verdict, today);
}
