// The session days of a training event: every day of its period, or Monday to Friday only (a ten-day induction over
// two weeks skips the weekend in between). Pure: the calendar day type has no time zone to get wrong.
import { eachDay, type CalendarDay } from '$lib/calendar-day';

/** 0 = Sunday … 6 = Saturday, for a calendar day (computed in UTC, where the day type lives). */
export const weekday = (d: CalendarDay) => new Date(`${d}T00:00:00Z`).getUTCDay();

export const weekdaysBetween = (from: CalendarDay, to: CalendarDay) =>
	eachDay(from, to).filter((d) => weekday(d) !== 0 && weekday(d) !== 6);

/** The session days of a period: all of them, or the weekdays only. */
export const sessionDaysOf = (from: CalendarDay, to: CalendarDay, weekdaysOnly: boolean) =>
	weekdaysOnly ? weekdaysBetween(from, to) : eachDay(from, to);

/**
 * The day certificates of an event are dated by when none is chosen: its last session day. A chosen day is refused
 * before that day (the training was not over) or after today (a certificate is never dated in the future).
 */
export function cohortIssueDay(
	lastSessionDay: CalendarDay,
	today: CalendarDay,
	chosen: CalendarDay | null
): { ok: true; day: CalendarDay } | { ok: false; problem: 'not_over' | 'before_end' | 'future' } {
	if (lastSessionDay > today) return { ok: false, problem: 'not_over' };
	const day = chosen ?? lastSessionDay;
	if (day < lastSessionDay) return { ok: false, problem: 'before_end' };
	if (day > today) return { ok: false, problem: 'future' };
	return { ok: true, day };
}
