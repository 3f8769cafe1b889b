import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment } from './dates';
import { toDate } from './calendar-day';
import { overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';

function inLocale<T>(locale: Locale, run: () => T): T {
	overwriteGetLocale(() => locale);
	try {
		return run();
	} finally {
		overwriteGetLocale(() => 'en');
	}
}

describe('formatDay', () => {
	it('shows a CalendarDay and its `date` column value as the same day, even where the server is behind UTC', () => {
		const tz = process.env.TZ;
		process.env.TZ = 'Pacific/Niue'; // UTC−11: a local formatter would show 5 December
		try {
			expect(formatDay('2026-12-06')).toBe(formatDay(toDate('2026-12-06')));
			expect(formatDay('2026-12-06')).toMatch(/\b6\b/);
			expect(formatDay('2026-12-06')).not.toMatch(/\b5\b/);
		} finally {
			if (tz === undefined) delete process.env.TZ;
			else process.env.TZ = tz;
		}
	});
});

describe('one date format per locale', () => {
	it('writes a day as "6 Dec 2026" in English and "6 déc. 2026" in French', () => {
		expect(inLocale('en', () => formatDay('2026-12-06'))).toBe('6 Dec 2026');
		expect(inLocale('fr', () => formatDay('2026-12-06'))).toBe('6 déc. 2026');
	});

	it('writes a day in the language asked for, whatever the language of the request', () => {
		expect(inLocale('en', () => formatDay('2026-12-06', 'fr'))).toBe('6 déc. 2026');
		expect(inLocale('fr', () => formatDay('2026-12-06', 'en'))).toBe('6 Dec 2026');
		expect(inLocale('fr', () => formatDay('2026-12-06'))).toBe('6 déc. 2026');
	});

	it('writes a moment with the same day format followed by its time', () => {
		const at = new Date(2026, 11, 6, 14, 5);
		expect(inLocale('en', () => formatMoment(at))).toMatch(/^6 Dec 2026, 14:05$/);
		expect(inLocale('fr', () => formatMoment(at))).toMatch(/^6 déc\. 2026,? 14:05$/);
	});
});
