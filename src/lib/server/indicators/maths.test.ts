import { describe, expect, it } from 'vitest';
import { per100k, percent, qaBand, qaComposite } from './maths';

describe('indicator arithmetic', () => {
	it('3.a.1 bands at every boundary: 4 none, 5–8 early, 9–12 mid-level, 13–16 well-developed', () => {
		expect([4, 5, 8, 9, 12, 13, 16].map(qaBand)).toEqual([
			'none',
			'early',
			'early',
			'mid-level',
			'mid-level',
			'well-developed',
			'well-developed'
		]);
		for (const bad of [3, 17, 0, 8.5, Number.NaN]) expect(() => qaBand(bad)).toThrow(RangeError);
	});

	it('a total and band only once all four criteria are scored', () => {
		expect(qaComposite([4, 4, 3, 2])).toEqual({ total: 13, band: 'well-developed', scored: 4 });
		expect(qaComposite([1, 1, 1, 1])).toEqual({ total: 4, band: 'none', scored: 4 });
		expect(qaComposite([4, 4, null, 4])).toEqual({ total: null, band: null, scored: 3 });
		expect(qaComposite([null, null, null, null])).toEqual({ total: null, band: null, scored: 0 });
	});

	it('percentages to one decimal; none without a denominator', () => {
		expect(percent(6, 13)).toBe(46.2);
		expect(percent(0, 5)).toBe(0);
		expect(percent(5, 5)).toBe(100);
		expect(percent(0, 0)).toBeNull();
	});

	it('workers per 100,000 children = workers ÷ (children ÷ 100,000), one decimal; none without a population', () => {
		expect(per100k(15, 60_000)).toBe(25); // 15 ÷ 0.6
		expect(per100k(9, 40_000)).toBe(22.5); // 9 ÷ 0.4
		expect(per100k(4, 60_000)).toBe(6.7); // 6.666…
		expect(per100k(1, 3)).toBe(33333.3);
		expect(per100k(3, null)).toBeNull();
		expect(per100k(3, 0)).toBeNull();
	});
});
