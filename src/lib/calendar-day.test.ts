import { describe, expect, it } from 'vitest';
import {
	addDays,
	addMonths,
	compareDays,
	dayIn,
	dayOf,
	daysInclusive,
	eachDay,
	endOfMonth,
	fromDate,
	isDay,
	knownDay,
	maxDay,
	minDay,
	monthsBetween,
	parseDay,
	startOfMonth,
	toDate,
	today,
	type CalendarDay
} from './calendar-day';

describe('parseDay', () => {
	it('refuses days that do not exist, years outside 1900–2999 and any other shape', () => {
		for (const s of [
			'2026-02-30',
			'2026-02-29', // 2026 is not a leap year
			'1900-02-29', // a century not divisible by 400
			'2026-13-01',
			'2026-00-10',
			'2026-04-31',
			'1899-12-31',
			'3000-01-01',
			'0000-01-01',
			'2026-1-1',
			'26-01-01',
			' 2026-01-01',
			'2026-01-01T00:00:00Z',
			'2026/01/01',
			''
		]) {
			expect(parseDay(s), s).toBeNull();
			expect(isDay(s), s).toBe(false);
		}
	});

	it('accepts every real day from 1900 to 2999, leap days included', () => {
		for (const s of ['1900-01-01', '2999-12-31', '2024-02-29', '2000-02-29', '2026-01-31', '2026-12-06'])
			expect(parseDay(s), s).toBe(s);
	});
});

describe('days and Dates', () => {
	it('a date column (UTC midnight) and its day convert both ways', () => {
		expect(toDate('2026-03-04')).toEqual(new Date(Date.UTC(2026, 2, 4)));
		expect(fromDate(toDate('2024-02-29'))).toBe('2024-02-29');
		expect(fromDate(new Date('2026-03-04T23:59:59.999Z'))).toBe('2026-03-04');
	});

	it('dayOf takes a Date or a string that starts with a day', () => {
		expect(dayOf(new Date('2026-03-04T10:00:00Z'))).toBe('2026-03-04');
		expect(dayOf('2026-03-04T10:00:00Z')).toBe('2026-03-04');
		expect(dayOf('2026-03-04')).toBe('2026-03-04');
	});
});

describe('dayIn: the day is the time zone’s, not the server’s', () => {
	it('is the day in the given zone, whichever zones were asked before (formatters are kept per zone)', () => {
		const instant = new Date('2026-12-31T23:30:00Z');
		expect(dayIn(instant, 'UTC')).toBe('2026-12-31');
		expect(dayIn(instant, 'Africa/Lagos')).toBe('2027-01-01'); // UTC+1
		expect(dayIn(instant, 'America/Bogota')).toBe('2026-12-31'); // UTC−5
		expect(dayIn(instant, 'Africa/Lagos')).toBe('2027-01-01'); // the kept formatter gives the same answer
		expect(dayIn(new Date('2027-01-01T00:30:00Z'), 'America/Bogota')).toBe('2026-12-31');
	});

	it('Kiritimati (UTC+14) and Niue (UTC−11) are a day apart at UTC midnight and two days apart at 10:00 UTC', () => {
		const before = new Date('2026-12-05T23:59:59Z');
		const midnight = new Date('2026-12-06T00:00:00Z');
		expect(dayIn(before, 'UTC')).toBe('2026-12-05');
		expect(dayIn(midnight, 'UTC')).toBe('2026-12-06');
		// UTC changes day; neither island does
		for (const t of [before, midnight]) {
			expect(dayIn(t, 'Pacific/Kiritimati')).toBe('2026-12-06');
			expect(dayIn(t, 'Pacific/Niue')).toBe('2026-12-05');
		}
		const ten = new Date('2026-12-06T10:00:00Z');
		expect(dayIn(ten, 'Pacific/Kiritimati')).toBe('2026-12-07');
		expect(dayIn(ten, 'Pacific/Niue')).toBe('2026-12-05');
		expect(daysInclusive(dayIn(ten, 'Pacific/Niue'), dayIn(ten, 'Pacific/Kiritimati'))).toBe(3);
	});

	it('follows daylight saving: local midnight moves by an hour, the day still changes at local midnight', () => {
		// New York springs forward on 8 March 2026: midnight is 05:00 UTC before, 04:00 UTC after
		expect(dayIn(new Date('2026-03-08T04:59:59Z'), 'America/New_York')).toBe('2026-03-07');
		expect(dayIn(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
		expect(dayIn(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
		expect(dayIn(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
		// London falls back on 25 October 2026: midnight is 23:00 UTC the day before, then 00:00 UTC
		expect(dayIn(new Date('2026-10-24T23:00:00Z'), 'Europe/London')).toBe('2026-10-25');
		expect(dayIn(new Date('2026-10-25T23:30:00Z'), 'Europe/London')).toBe('2026-10-25');
		expect(dayIn(new Date('2026-10-26T00:00:00Z'), 'Europe/London')).toBe('2026-10-26');
		// a 23-hour or 25-hour local day is still one day
		expect(addDays('2026-03-07', 1)).toBe('2026-03-08');
		expect(daysInclusive('2026-10-24', '2026-10-26')).toBe(3);
	});

	it('Samoa skipped 30 December 2011 when it crossed the date line', () => {
		expect(dayIn(new Date('2011-12-30T09:59:59Z'), 'Pacific/Apia')).toBe('2011-12-29');
		expect(dayIn(new Date('2011-12-30T10:00:00Z'), 'Pacific/Apia')).toBe('2011-12-31');
	});

	it('today is the day of now in the zone', () => {
		expect(today('Pacific/Kiritimati', new Date('2026-12-06T10:00:00Z'))).toBe('2026-12-07');
	});
});

describe('counting and moving days', () => {
	it('counts and moves whole days across months, years and leap days', () => {
		expect(daysInclusive('2026-01-01', '2026-01-01')).toBe(1);
		expect(daysInclusive('2024-02-28', '2024-03-01')).toBe(3); // a leap year
		expect(daysInclusive('2026-02-28', '2026-03-01')).toBe(2);
		expect(daysInclusive('2026-01-01', '2026-12-31')).toBe(365);
		expect(daysInclusive('2024-01-01', '2024-12-31')).toBe(366);
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('addMonths keeps the day inside the month it lands in', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
		expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
		expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
		expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
		expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
	});

	it('eachDay lists both ends and nothing when the end is before the start', () => {
		expect(eachDay('2024-02-27', '2024-03-01')).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01']);
		expect(eachDay('2026-06-01', '2026-06-01')).toEqual(['2026-06-01']);
		expect(eachDay('2026-06-02', '2026-06-01')).toEqual([]);
	});

	it('months between are whole months, counted the way addMonths steps', () => {
		expect(monthsBetween('2026-01-15', '2026-01-31')).toBe(0);
		expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
		expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
		expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
		expect(monthsBetween('2026-01-31', '2026-02-27')).toBe(0);
		expect(monthsBetween('2025-06-01', '2026-06-01')).toBe(12);
		expect(monthsBetween('2026-03-15', '2026-02-20')).toBe(0);
		expect(monthsBetween('2026-03-15', '2026-02-15')).toBe(-1);
		expect(monthsBetween('2026-03-31', '2026-02-28')).toBe(-1);
	});

	it('month ends: 28, 29, 30 or 31', () => {
		expect(endOfMonth('2026-02-10')).toBe('2026-02-28');
		expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
		expect(endOfMonth('1900-02-01')).toBe('1900-02-28');
		expect(endOfMonth('2000-02-01')).toBe('2000-02-29');
		expect(endOfMonth('2026-04-30')).toBe('2026-04-30');
		expect(endOfMonth('2026-12-01')).toBe('2026-12-31');
		expect(startOfMonth('2026-12-31')).toBe('2026-12-01');
	});

	it('orders days: compare, earliest, latest', () => {
		const days: CalendarDay[] = ['2026-10-01', '2026-02-01', '2025-12-31', '2026-02-01'];
		expect([...days].sort(compareDays)).toEqual(['2025-12-31', '2026-02-01', '2026-02-01', '2026-10-01']);
		expect(minDay(days[0], ...days)).toBe('2025-12-31');
		expect(maxDay(days[0], ...days)).toBe('2026-10-01');
		expect(minDay('2026-01-01')).toBe('2026-01-01');
	});
});

describe('knownDay', () => {
	it('returns a day written in code and throws on one that does not exist', () => {
		expect(knownDay('2024-02-29')).toBe('2024-02-29');
		expect(() => knownDay('2026-02-29')).toThrow(RangeError);
	});
});
