// The cohort's filters, shared by the coordinator's practicum page and her home, so that each count on the home
// equals the rows the page shows for the same filter. Pure: every rule is tested on its own.
import { fromDate, type CalendarDay } from '$lib/calendar-day';
import type { CohortRow } from './cohort';

export const COHORT_FILTERS = ['pending', 'stale', 'behind', 'unsigned', 'evaluation-due'] as const;
export type CohortFilter = (typeof COHORT_FILTERS)[number];

/** Days from `a` to `b` (calendar days, UTC midnight apart). */
function daysBetween(a: CalendarDay, b: CalendarDay): number {
	return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

type Row = Pick<CohortRow, 'status' | 'required' | 'approved' | 'signed' | 'evaluations' | 'pending' | 'stale'> & {
	starts_on: Date;
	ends_on: Date;
};

/**
 * An active placement whose approved hours are below the steady pace: the required hours spread evenly over its days,
 * up to today (a placement past its end should have them all).
 */
export function behindOnHours(r: Row, today: CalendarDay): boolean {
	if (r.status !== 'ACTIVE') return false;
	const start = fromDate(r.starts_on);
	const total = daysBetween(start, fromDate(r.ends_on)) + 1;
	const elapsed = Math.min(total, Math.max(0, daysBetween(start, today) + 1));
	if (elapsed <= 0 || total <= 0) return false;
	const expected = (r.required * elapsed) / total;
	return r.approved + 1e-9 < Math.floor(expected * 4) / 4;
}

/** A planned or active placement whose learning agreement is not signed by all three yet. */
export function agreementUnsigned(r: Row): boolean {
	return (r.status === 'PLANNED' || r.status === 'ACTIVE') && !r.signed;
}

/**
 * An active placement with an evaluation due: the mid-term once half its days have passed, the final in its last 14
 * days or after its end, each until the supervisor submits it.
 */
export function evaluationDue(r: Row, today: CalendarDay): boolean {
	if (r.status !== 'ACTIVE') return false;
	const kinds = new Set((r.evaluations ?? '').split(', ').filter(Boolean));
	const start = fromDate(r.starts_on);
	const end = fromDate(r.ends_on);
	const total = daysBetween(start, end) + 1;
	const elapsed = daysBetween(start, today) + 1;
	const midtermDue = elapsed * 2 >= total && !kinds.has('MIDTERM');
	const finalDue = daysBetween(today, end) < 14 && !kinds.has('FINAL');
	return midtermDue || finalDue;
}

/** The rows the filter keeps (an unknown or empty filter keeps all). */
export function filterCohort<T extends Row>(rows: T[], filter: string, today: CalendarDay): T[] {
	switch (filter) {
		case 'pending':
			return rows.filter((r) => r.pending > 0);
		case 'stale':
			return rows.filter((r) => r.stale);
		case 'behind':
			return rows.filter((r) => behindOnHours(r, today));
		case 'unsigned':
			return rows.filter(agreementUnsigned);
		case 'evaluation-due':
			return rows.filter((r) => evaluationDue(r, today));
		default:
			return rows;
	}
}
