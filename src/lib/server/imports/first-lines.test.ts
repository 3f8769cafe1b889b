import { describe, expect, it } from 'vitest';
import { FirstLines, hash64 } from './first-lines';

describe('the first line that named a value', () => {
	it('answers the first line of a repeated value, through many growths, and nothing for a new one', () => {
		const seen = new FirstLines();
		const n = 300_000;
		let repeated = 0;
		for (let i = 0; i < n; i++) if (seen.claim(`BI-${i}`, i + 2) !== undefined) repeated++;
		expect(repeated).toBe(0);
		expect(seen.size).toBe(n);
		// every value again: the line that named it first, not the later one
		for (let i = 0; i < n; i += 9973) expect(seen.claim(`BI-${i}`, n + 10)).toBe(i + 2);
		expect(seen.get('BI-0')).toBe(2);
		expect(seen.get('BI-300000')).toBeUndefined();
		expect(seen.size).toBe(n);
	});

	it('tells apart values that differ only by case, order, length or a character outside Latin-1', () => {
		const seen = new FirstLines();
		for (const [i, v] of ['ab', 'AB', 'ba', 'ab ', 'a', '', 'é', 'e\u0301', '😀', 'ab\u0000'].entries())
			expect(seen.claim(v, i + 1)).toBeUndefined();
	});

	it('spreads the hashes of half a million similar ids without one collision', () => {
		const hashes = new Set<string>();
		for (let i = 0; i < 500_000; i++) hashes.add(hash64(`NW-${String(i).padStart(8, '0')}`).join(':'));
		expect(hashes.size).toBe(500_000);
	});

	it('refuses a line below 1 (0 marks an empty slot)', () => {
		expect(() => new FirstLines().claim('x', 0)).toThrow(RangeError);
	});
});
