// What a valid hours entry is, as one pure function. Thresholds come from the university's settings (data).
import type { CalendarDay } from '$lib/calendar-day';

export interface HoursSettings {
	hourStep: number;
	maxPerEntry: number;
	maxPerDay: number;
}

export interface HoursCheck {
	date: CalendarDay;
	hours: number;
	today: CalendarDay; // in the jurisdiction's time zone
	placement: { startsOn: CalendarDay; endsOn: CalendarDay; signed: boolean };
	/** hours already logged that day on this placement (pending or approved), excluding the entry being edited */
	sameDay: number;
	settings: HoursSettings;
}

export type HoursProblem = {
	field: 'date' | 'hours' | 'form';
	code: 'not-signed' | 'future' | 'outside' | 'zero' | 'step' | 'entry-max' | 'day-max';
	limit?: number;
};

export function checkHours(c: HoursCheck): HoursProblem[] {
	const problems: HoursProblem[] = [];
	if (!c.placement.signed) problems.push({ field: 'form', code: 'not-signed' });
	if (c.date > c.today) problems.push({ field: 'date', code: 'future' });
	else if (c.date < c.placement.startsOn || c.date > c.placement.endsOn)
		problems.push({ field: 'date', code: 'outside' });
	const cents = Math.round(c.hours * 100);
	const step = Math.round(c.settings.hourStep * 100);
	if (!(c.hours > 0)) problems.push({ field: 'hours', code: 'zero' });
	else if (cents % step !== 0 || Math.abs(cents - c.hours * 100) > 1e-6)
		problems.push({ field: 'hours', code: 'step', limit: c.settings.hourStep });
	else if (c.hours > c.settings.maxPerEntry)
		problems.push({ field: 'hours', code: 'entry-max', limit: c.settings.maxPerEntry });
	else if (c.hours + c.sameDay > c.settings.maxPerDay)
		problems.push({ field: 'hours', code: 'day-max', limit: c.settings.maxPerDay - c.sameDay });
	return problems;
}
