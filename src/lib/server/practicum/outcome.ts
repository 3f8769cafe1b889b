// Which final outcomes a placement allows now, and why PASS does not: the placement page offers only the allowed
// ones and says what PASS still needs; recordOutcome refuses a PASS posted anyway with the same reason.
// Pure: the required hours, the approved hours (carried over from a transfer included) and the final evaluation in.
import { m } from '$lib/paraglide/messages';

export const OUTCOMES = ['PASS', 'FAIL', 'INCOMPLETE'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeFacts {
	requiredHours: number;
	approvedHours: number;
	finalSubmitted: boolean;
}

export type OutcomeOption = { outcome: Outcome; allowed: true } | { outcome: Outcome; allowed: false; reason: string };

/** Hours are kept to the quarter hour: compare in hundredths so 0.1 + 0.2 never decides a pass. */
const hundredths = (h: number) => Math.round(h * 100);

/** What PASS still needs, in words, or null when PASS may be recorded. FAIL and INCOMPLETE are always possible. */
export function passRefusal(f: OutcomeFacts): string | null {
	const missing: string[] = [];
	if (hundredths(f.approvedHours) < hundredths(f.requiredHours))
		missing.push(m.outcome_hours_short({ approved: f.approvedHours, required: f.requiredHours }));
	if (!f.finalSubmitted) missing.push(m.outcome_final_missing());
	return missing.length ? missing.join(' ') : null;
}

/** Each outcome with `allowed` and, when not, the reason. */
export function outcomeOptions(f: OutcomeFacts): OutcomeOption[] {
	return OUTCOMES.map((outcome) => {
		const reason = outcome === 'PASS' ? passRefusal(f) : null;
		return reason === null ? { outcome, allowed: true as const } : { outcome, allowed: false as const, reason };
	});
}
