// The one calendar-day type: a date without a time ("2026-12-06"), used wherever a day is meant — issue and expiry
// dates, cycle ends, a logged session's date, an as-of date. Days compare and sort as strings. Which day an instant
// falls on depends on the jurisdiction's time zone, never the server's. PostgreSQL `date` columns come back from
// Prisma as UTC midnight and are written the same way (fromDate / toDate).

/** "YYYY-MM-DD". Made by the functions below, so a string with a time (or none at all) is not one by accident. */
export type CalendarDay = `${number}-${number}-${number}`;

const DAY_MS = 86_400_000;
const SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A day typed by a person or read from a file: exists, from 1900 to 2999 ("2026-02-30" is not rolled over). */
export function parseDay(s: string): CalendarDay | null {
	if (!SHAPE.test(s) || s < '1900' || s >= '3000') return null;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? (s as CalendarDay) : null;
}

export const isDay = (s: string): s is CalendarDay => parseDay(s) !== null;

/**
 * A day the program itself wrote or already checked (seed data, tests, a row validated before it was queued): one
 * that does not exist is a bug, so it throws rather than being answered as bad input.
 */
export function knownDay(s: string): CalendarDay {
	const day = parseDay(s);
	if (!day) throw new RangeError(`not a calendar day: ${JSON.stringify(s)}`);
	return day;
}

/** The day a `date` column holds (Prisma gives it as UTC midnight), or the UTC day of any instant. */
export function fromDate(d: Date): CalendarDay {
	return d.toISOString().slice(0, 10) as CalendarDay;
}

/** A day from a Date or from a string that starts with one ("2026-12-06" or "2026-12-06T…"). */
export function dayOf(d: Date | string): CalendarDay {
	return typeof d === 'string' ? (d.slice(0, 10) as CalendarDay) : fromDate(d);
}

/** UTC midnight of the day, to write to a `date` column or to compare with one. */
export function toDate(day: CalendarDay): Date {
	return new Date(`${day}T00:00:00Z`);
}

/** One formatter per time zone: building one costs far more than using it (verification runs this per request). */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** The day an instant falls on in a time zone (IANA name). */
export function dayIn(instant: Date, timeZone: string): CalendarDay {
	let f = zoneFormatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		if (zoneFormatters.size < 1000) zoneFormatters.set(timeZone, f); // zones are few; the bound is only a guard
	}
	return f.format(instant) as CalendarDay;
}

/** Today in a time zone. */
export const today = (timeZone: string, now: Date = new Date()) => dayIn(now, timeZone);

export function addDays(day: CalendarDay, n: number): CalendarDay {
	return fromDate(new Date(toDate(day).getTime() + n * DAY_MS));
}

/** The same day n months on, kept inside the month (31 January + 1 month = 28 or 29 February). */
export function addMonths(day: CalendarDay, n: number): CalendarDay {
	const [y, m, d] = day.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1 + n, 1));
	const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	return fromDate(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))));
}

/** Days from a to b counting both ("2026-01-01" to "2026-01-01" is 1). */
export function daysInclusive(a: CalendarDay, b: CalendarDay): number {
	return Math.round((toDate(b).getTime() - toDate(a).getTime()) / DAY_MS) + 1;
}

/** Every day from a to b, both included; none when b is before a. */
export function eachDay(a: CalendarDay, b: CalendarDay): CalendarDay[] {
	const days: CalendarDay[] = [];
	for (let d = a; d <= b; d = addDays(d, 1)) days.push(d);
	return days;
}

/** For sort(): earlier days first. The fixed shape makes string order the calendar order. */
export const compareDays = (a: CalendarDay, b: CalendarDay) => (a < b ? -1 : a > b ? 1 : 0);

export const minDay = (first: CalendarDay, ...rest: CalendarDay[]) => rest.reduce((m, d) => (d < m ? d : m), first);

export const maxDay = (first: CalendarDay, ...rest: CalendarDay[]) => rest.reduce((m, d) => (d > m ? d : m), first);

export const startOfMonth = (day: CalendarDay) => `${day.slice(0, 7)}-01` as CalendarDay;

export const endOfMonth = (day: CalendarDay) => addDays(addMonths(startOfMonth(day), 1), -1);

/**
 * Whole months from a to b, counted the way addMonths steps (31 January to 28 February 2026 is one month, to
 * 27 February none); negative when b is before a.
 */
export function monthsBetween(a: CalendarDay, b: CalendarDay): number {
	const [ya, ma] = a.split('-').map(Number);
	const [yb, mb] = b.split('-').map(Number);
	let n = (yb - ya) * 12 + (mb - ma);
	if (n > 0 && addMonths(a, n) > b) n--;
	else if (n < 0 && addMonths(a, n) < b) n++;
	return n;
}
