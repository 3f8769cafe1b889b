import { describe, expect, it } from 'vitest';
import { exemptionEffect, type ExemptionKind, type ExemptionPeriod } from './exemptions';
import type { CalendarDay } from '$lib/calendar-day';

const d = (s: string) => s as CalendarDay;
const ex = (id: string, kind: ExemptionKind, fromOn: string, toOn: string, revokedAt?: Date): ExemptionPeriod => ({
	id,
	kind,
	fromOn: d(fromOn),
	toOn: d(toOn),
	revokedAt
});
// a 365-day cycle
const cycle = { from: d('2026-01-01'), to: d('2026-12-31') };

describe('what exemptions do to a cycle', () => {
	it('nothing when there are none', () => {
		expect(exemptionEffect(cycle, [])).toEqual({ waived: false, exemptDays: 0, ids: [] });
	});

	it('a waiver of the whole cycle waives it (and covers its 365 days)', () => {
		expect(exemptionEffect(cycle, [ex('w', 'WAIVER', '2026-01-01', '2026-12-31')])).toEqual({
			waived: true,
			exemptDays: 365,
			ids: ['w']
		});
	});

	it('a waiver that runs beyond the cycle on both sides waives it; only the days inside count', () => {
		expect(exemptionEffect(cycle, [ex('w', 'WAIVER', '2025-06-01', '2027-03-31')])).toEqual({
			waived: true,
			exemptDays: 365,
			ids: ['w']
		});
	});

	it('two waivers end to end waive the cycle together', () => {
		const r = exemptionEffect(cycle, [
			ex('b', 'WAIVER', '2026-07-01', '2026-12-31'),
			ex('a', 'WAIVER', '2025-12-01', '2026-06-30')
		]);
		expect(r).toEqual({ waived: true, exemptDays: 365, ids: ['a', 'b'] });
	});

	it('a waiver of part of the cycle does not waive it: its days reduce the requirement like a reduction', () => {
		// 1 March to 31 May: 31 + 30 + 31 = 92 days
		expect(exemptionEffect(cycle, [ex('w', 'WAIVER', '2026-03-01', '2026-05-31')])).toEqual({
			waived: false,
			exemptDays: 92,
			ids: ['w']
		});
	});

	it('a reduction of the whole cycle covers every day but does not waive it', () => {
		expect(exemptionEffect(cycle, [ex('r', 'REDUCTION', '2026-01-01', '2026-12-31')])).toEqual({
			waived: false,
			exemptDays: 365,
			ids: ['r']
		});
	});

	it('a reduction counts its days inside the cycle only', () => {
		// 1 December 2025 to 31 January 2026: only January, 31 days, is in the cycle
		expect(exemptionEffect(cycle, [ex('r', 'REDUCTION', '2025-12-01', '2026-01-31')]).exemptDays).toBe(31);
		// 15 December 2026 to 15 January 2027: 17 days in December
		expect(exemptionEffect(cycle, [ex('r', 'REDUCTION', '2026-12-15', '2027-01-15')]).exemptDays).toBe(17);
	});

	it('overlapping exemptions count each day once', () => {
		// 1–31 March (31) and 15 March–14 April (31): union 1 March–14 April = 31 + 14 = 45 days
		const r = exemptionEffect(cycle, [
			ex('a', 'REDUCTION', '2026-03-01', '2026-03-31'),
			ex('b', 'REDUCTION', '2026-03-15', '2026-04-14')
		]);
		expect(r).toEqual({ waived: false, exemptDays: 45, ids: ['a', 'b'] });
	});

	it('an exemption inside another adds no days; a waiver and a reduction over the same days count once', () => {
		const r = exemptionEffect(cycle, [
			ex('outer', 'REDUCTION', '2026-02-01', '2026-02-28'),
			ex('inner', 'WAIVER', '2026-02-10', '2026-02-12')
		]);
		expect(r.exemptDays).toBe(28);
		expect(r.waived).toBe(false);
	});

	it('separate periods add up', () => {
		// 1–10 January (10) and 1–10 October (10)
		expect(
			exemptionEffect(cycle, [
				ex('a', 'REDUCTION', '2026-01-01', '2026-01-10'),
				ex('b', 'REDUCTION', '2026-10-01', '2026-10-10')
			]).exemptDays
		).toBe(20);
	});

	it('a waiver of the whole cycle with a reduction beside it: still waived, days once', () => {
		const r = exemptionEffect(cycle, [
			ex('r', 'REDUCTION', '2026-05-01', '2026-05-31'),
			ex('w', 'WAIVER', '2026-01-01', '2026-12-31')
		]);
		expect(r).toEqual({ waived: true, exemptDays: 365, ids: ['w', 'r'] });
	});

	it('exemptions outside the cycle, revoked ones and periods that end before they start are left out', () => {
		const r = exemptionEffect(cycle, [
			ex('before', 'WAIVER', '2025-01-01', '2025-12-31'),
			ex('after', 'REDUCTION', '2027-01-01', '2027-01-31'),
			ex('revoked', 'WAIVER', '2026-01-01', '2026-12-31', new Date('2026-03-01T10:00:00Z')),
			ex('backwards', 'REDUCTION', '2026-05-31', '2026-05-01')
		]);
		expect(r).toEqual({ waived: false, exemptDays: 0, ids: [] });
	});

	it('one day on the edge counts: the first and the last day of the cycle', () => {
		expect(exemptionEffect(cycle, [ex('a', 'REDUCTION', '2025-12-31', '2026-01-01')]).exemptDays).toBe(1);
		expect(exemptionEffect(cycle, [ex('b', 'REDUCTION', '2026-12-31', '2027-01-01')]).exemptDays).toBe(1);
	});

	it('a leap-year cycle has 366 days to waive', () => {
		const leap = { from: d('2028-01-01'), to: d('2028-12-31') };
		expect(exemptionEffect(leap, [ex('w', 'WAIVER', '2028-01-01', '2028-12-30')])).toEqual({
			waived: false,
			exemptDays: 365,
			ids: ['w']
		});
		expect(exemptionEffect(leap, [ex('w', 'WAIVER', '2028-01-01', '2028-12-31')]).waived).toBe(true);
	});

	it('a window that ends before it starts has nothing to exempt', () => {
		expect(
			exemptionEffect({ from: d('2026-02-01'), to: d('2026-01-01') }, [ex('w', 'WAIVER', '2026-01-01', '2026-12-31')])
		).toEqual({ waived: false, exemptDays: 0, ids: [] });
	});
});
