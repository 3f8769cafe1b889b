// The days a programme was recognised (programme_recognition_periods, kept by a trigger from recognition_status and
// recognition_from): the effective day a regulator may give a recognition decision, and the history a page shows.
// A certificate counts toward the indicators only on days its programme was recognised, so a decision takes effect
// from the day the regulator gives, never retroactively over days already recorded.
import { db } from '../db';
import { addDays, fromDate, type CalendarDay } from '$lib/calendar-day';
import { formatDay } from '$lib/dates';
import { m } from '$lib/paraglide/messages';

export interface RecognitionPeriod {
	from: CalendarDay;
	/** the last day recognised; null while it still is */
	to: CalendarDay | null;
}

/**
 * Why `day` cannot be the effective day of this decision, or null when it can. Pure. Granting: not in the future and
 * after the end of every earlier period (periods never overlap). Withdrawing: not in the future and after the day the
 * current period began (it must have held for a day at least).
 */
export function recognitionDayRefusal(
	decision: 'confirm' | 'withdraw',
	day: CalendarDay,
	today: CalendarDay,
	periods: readonly RecognitionPeriod[]
): string | null {
	if (day > today) return m.field_date_future();
	if (decision === 'confirm') {
		const lastEnd = periods.reduce<CalendarDay | null>((a, p) => (p.to && (!a || p.to > a) ? p.to : a), null);
		return lastEnd && day <= lastEnd ? m.recog_from_after_end({ date: formatDay(lastEnd) }) : null;
	}
	const open = periods.find((p) => p.to === null);
	return open && day <= open.from
		? m.recog_withdrawn_after_start({ date: formatDay(open.from), next: formatDay(addDays(open.from, 1)) })
		: null;
}

/** Each programme's recognition periods, oldest first. */
export async function recognitionPeriods(programmeIds: string[]): Promise<Map<string, RecognitionPeriod[]>> {
	const rows = programmeIds.length
		? await db.programmeRecognitionPeriod.findMany({
				where: { programmeId: { in: programmeIds } },
				orderBy: { fromOn: 'asc' },
				select: { programmeId: true, fromOn: true, toOn: true }
			})
		: [];
	const out = new Map<string, RecognitionPeriod[]>(programmeIds.map((id) => [id, []]));
	for (const r of rows)
		out.get(r.programmeId)!.push({ from: fromDate(r.fromOn), to: r.toOn ? fromDate(r.toOn) : null });
	return out;
}
