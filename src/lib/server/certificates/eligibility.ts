// Is a person eligible for a programme's certificate? One pure function: the loader gathers the evidence, this
// decides, and the same answer drives the learner's "met / left" list, automatic issuance and cohort issuance.
// For a re-certification only evidence dated after the previous certificate counts.
import { addDays, addMonths, eachDay, fromDate, type CalendarDay } from '$lib/calendar-day';

export interface ProgrammeRules {
	modules: { moduleId: string; minScore: number }[];
	requiresEvent: boolean;
	minPracticumHours: number | null;
	minSupervisionHours: number | null;
}

export interface Completion {
	moduleId: string;
	moduleVersionId: string;
	score: number;
	completedAt: Date;
}

export interface EventRecord {
	eventId: string;
	title: string;
	/** every day of the event (start to end, inclusive) */
	days: CalendarDay[];
	/** the days the person was marked present, or absent with a make-up recorded */
	attended: CalendarDay[];
}

export interface Evidence {
	completions: Completion[];
	events: EventRecord[];
	/** approved practicum hours, by date */
	practicum: { date: Date; hours: number }[];
	/** confirmed supervision received, by date */
	supervision: { date: Date; minutes: number }[];
	/** when the previous certificate of this programme was issued, if any */
	previousIssuedAt: Date | null;
}

export type Requirement =
	| { kind: 'module'; moduleId: string; minScore: number; met: boolean; best: number | null }
	| {
			kind: 'event';
			met: boolean;
			eventId: string | null;
			title: string | null;
			daysAttended: number;
			daysTotal: number;
	  }
	| { kind: 'practicum'; met: boolean; have: number; need: number }
	| { kind: 'supervision'; met: boolean; have: number; need: number };

export interface Snapshot {
	modules: { moduleId: string; moduleVersionId: string; score: number; completedAt: string }[];
	eventId: string | null;
	practicumHours: number | null;
	supervisionHours: number | null;
}

export interface Eligibility {
	eligible: boolean;
	requirements: Requirement[];
	/** the evidence that satisfied the rules (stored on the certificate); null unless eligible */
	snapshot: Snapshot | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function eligibility(rules: ProgrammeRules, evidence: Evidence): Eligibility {
	const after = evidence.previousIssuedAt;
	// evidence dated on the previous certificate's day or before belongs to that certificate
	const fresh = (d: Date) => !after || d.getTime() > after.getTime();
	const afterDay = after && fromDate(after);
	const freshDay = (d: CalendarDay) => !afterDay || d > afterDay;
	const requirements: Requirement[] = [];
	const usedModules: Snapshot['modules'] = [];

	for (const rule of rules.modules) {
		const candidates = evidence.completions.filter((c) => c.moduleId === rule.moduleId && fresh(c.completedAt));
		const best = candidates.reduce<Completion | null>((a, c) => (!a || c.score > a.score ? c : a), null);
		const met = !!best && best.score >= rule.minScore;
		requirements.push({
			kind: 'module',
			moduleId: rule.moduleId,
			minScore: rule.minScore,
			met,
			best: best?.score ?? null
		});
		if (met && best)
			usedModules.push({
				moduleId: best.moduleId,
				moduleVersionId: best.moduleVersionId,
				score: best.score,
				completedAt: best.completedAt.toISOString()
			});
	}

	let eventId: string | null = null;
	if (rules.requiresEvent) {
		// the best event: one completed in full wins, else the one with the most days attended
		let best: Requirement & { kind: 'event' } = {
			kind: 'event',
			met: false,
			eventId: null,
			title: null,
			daysAttended: 0,
			daysTotal: 0
		};
		for (const ev of evidence.events) {
			if (!ev.days.length || !ev.days.every(freshDay)) continue;
			const attended = new Set(ev.attended);
			const count = ev.days.filter((d) => attended.has(d)).length;
			const met = count === ev.days.length;
			if ((met && !best.met) || (!best.met && count >= best.daysAttended)) {
				best = {
					kind: 'event',
					met,
					eventId: ev.eventId,
					title: ev.title,
					daysAttended: count,
					daysTotal: ev.days.length
				};
			}
		}
		requirements.push(best);
		if (best.met) eventId = best.eventId;
	}

	let practicumHours: number | null = null;
	if (rules.minPracticumHours !== null && rules.minPracticumHours > 0) {
		const have = round2(evidence.practicum.filter((p) => freshDay(fromDate(p.date))).reduce((s, p) => s + p.hours, 0));
		requirements.push({ kind: 'practicum', met: have >= rules.minPracticumHours, have, need: rules.minPracticumHours });
		practicumHours = have;
	}

	let supervisionHours: number | null = null;
	if (rules.minSupervisionHours !== null && rules.minSupervisionHours > 0) {
		const have = round2(
			evidence.supervision.filter((s) => freshDay(fromDate(s.date))).reduce((s, x) => s + x.minutes, 0) / 60
		);
		requirements.push({
			kind: 'supervision',
			met: have >= rules.minSupervisionHours,
			have,
			need: rules.minSupervisionHours
		});
		supervisionHours = have;
	}

	// a programme with no requirement at all never certifies anyone
	const eligible = requirements.length > 0 && requirements.every((r) => r.met);
	return {
		eligible,
		requirements,
		snapshot: eligible ? { modules: usedModules, eventId, practicumHours, supervisionHours } : null
	};
}

/**
 * Expiry: the validity period counted from the issue date (null = does not expire), valid through the day before
 * the anniversary; 31 January + 1 month ends on the last day of February, not in March.
 */
export function expiryFor(issuedOn: CalendarDay, validityMonths: number | null): CalendarDay | null {
	return validityMonths ? addDays(addMonths(issuedOn, validityMonths), -1) : null;
}

/** Every day of an event, from its start to its end `date` columns inclusive. */
export const eventDays = (startsOn: Date, endsOn: Date) => eachDay(fromDate(startsOn), fromDate(endsOn));
