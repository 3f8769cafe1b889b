import { describe, expect, it } from 'vitest';
import { checkHours, type HoursCheck } from './hours-rules';

const base: HoursCheck = {
	date: '2026-03-10',
	hours: 4,
	today: '2026-03-20',
	sameDay: 0,
	placement: { startsOn: '2026-03-01', endsOn: '2026-06-30', signed: true },
	settings: { hourStep: 0.25, maxPerEntry: 12, maxPerDay: 24 }
};
const codes = (over: Partial<HoursCheck>) => checkHours({ ...base, ...over }).map((p) => p.code);

describe('hours entries', () => {
	it('accepts a valid entry', () => expect(codes({})).toEqual([]));
	it('refuses 0 hours', () => expect(codes({ hours: 0 })).toEqual(['zero']));
	it('refuses 0.3 hours (steps of 0.25)', () => expect(codes({ hours: 0.3 })).toEqual(['step']));
	it('accepts 0.25 and 11.75', () => {
		expect(codes({ hours: 0.25 })).toEqual([]);
		expect(codes({ hours: 11.75 })).toEqual([]);
	});
	it('refuses 13 hours in one entry', () => expect(codes({ hours: 13 })).toEqual(['entry-max']));
	it('refuses a future date (jurisdiction time zone)', () => expect(codes({ date: '2026-03-21' })).toEqual(['future']));
	it('refuses a date outside the placement', () => expect(codes({ date: '2026-02-28' })).toEqual(['outside']));
	it('refuses a day over 24 hours across entries', () =>
		expect(codes({ hours: 10, sameDay: 15 })).toEqual(['day-max']));
	it('refuses hours before the learning agreement is signed', () =>
		expect(codes({ placement: { ...base.placement, signed: false } })).toEqual(['not-signed']));
	it('thresholds are data: a university allowing 16 h entries', () =>
		expect(codes({ hours: 13, settings: { ...base.settings, maxPerEntry: 16 } })).toEqual([]));
});
