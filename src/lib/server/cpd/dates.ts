// Calendar dates as "YYYY-MM-DD" strings: what a day is depends on the jurisdiction's time zone, never the server's.
const DAY = 86_400_000;

// one formatter per time zone: building one costs far more than formatting (a hot path: verification uses it)
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localDate(instant: Date, timeZone: string): string {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
		if (formatters.size < 1000) formatters.set(timeZone, f); // time zones are few; the bound is only a guard
	}
	return f.format(instant);
}

export function toDay(d: string | Date): string {
	return typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

/** Days from a to b inclusive (a "2026-01-01" to b "2026-01-01" is 1). */
export function daysInclusive(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY) + 1;
}

export function addDays(d: string, n: number): string {
	return new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export function addMonths(d: string, n: number): string {
	const [y, m, day] = d.split('-').map(Number);
	const t = new Date(Date.UTC(y, m - 1 + n, 1));
	const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
	return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), Math.min(day, last))).toISOString().slice(0, 10);
}
