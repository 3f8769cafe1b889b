import { describe, expect, it } from 'vitest';
import { addDays, daysInclusive, localDate, toDay } from './dates';

describe('calendar dates', () => {
	it('localDate is the day in the given time zone, whichever zones were asked before (formatters are kept per zone)', () => {
		const instant = new Date('2026-12-31T23:30:00Z');
		expect(localDate(instant, 'UTC')).toBe('2026-12-31');
		expect(localDate(instant, 'Africa/Lagos')).toBe('2027-01-01'); // UTC+1
		expect(localDate(instant, 'America/Bogota')).toBe('2026-12-31'); // UTC−5
		expect(localDate(instant, 'Africa/Lagos')).toBe('2027-01-01'); // the kept formatter gives the same answer
		expect(localDate(new Date('2027-01-01T00:30:00Z'), 'America/Bogota')).toBe('2026-12-31');
	});

	it('counts and moves whole days', () => {
		expect(daysInclusive('2026-01-01', '2026-01-01')).toBe(1);
		expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3); // a leap year
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(toDay(new Date('2026-03-04T10:00:00Z'))).toBe('2026-03-04');
	});
});
