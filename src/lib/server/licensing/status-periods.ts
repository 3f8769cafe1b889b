// A licence's status over time (licence_status_periods, kept by a trigger from status and status_from): the day a
// status change may take effect, the day a lapse takes effect, and the history the licence page shows. The indicators
// count a licence's cycles as "licensed" only on the days its status was ACTIVE, so a change takes effect from the day
// the regulator gives — never before the current status began (that would rewrite a period already recorded).
import { db } from '../db';
import { addDays, fromDate, maxDay, minDay, type CalendarDay } from '$lib/calendar-day';
import { formatDay } from '$lib/dates';
import { m } from '$lib/paraglide/messages';

/** Why a status change cannot take effect on `day`, or null when it can. Pure. */
export function statusDayRefusal(day: CalendarDay, today: CalendarDay, currentFrom: CalendarDay | null): string | null {
	if (day > today) return m.field_date_future();
	if (currentFrom && day < currentFrom) return m.status_from_before_current({ date: formatDay(currentFrom) });
	return null;
}

/**
 * The day a lapse decided on a renewal takes effect: the day after the cycle ended (after its grace, when it had one),
 * or today if that day is still to come; never before the current status began. Pure.
 */
export function lapseDay(
	cycle: { endsOn: CalendarDay; graceUntil: CalendarDay | null },
	today: CalendarDay,
	currentFrom: CalendarDay | null
): CalendarDay {
	const day = minDay(addDays(cycle.graceUntil ?? cycle.endsOn, 1), today);
	return currentFrom ? maxDay(day, currentFrom) : day;
}

/** The licence's status history, latest first: each status with the days it held (to null: still does) and why. */
export async function statusHistory(licenceId: string) {
	const rows = await db.licenceStatusPeriod.findMany({
		where: { licenceId },
		orderBy: [{ fromOn: 'desc' }, { recordedAt: 'desc' }],
		select: { id: true, status: true, fromOn: true, toOn: true, reason: true }
	});
	return rows.map((r) => ({
		id: r.id,
		status: r.status,
		from: fromDate(r.fromOn),
		to: r.toOn ? fromDate(r.toOn) : null,
		reason: r.reason
	}));
}
