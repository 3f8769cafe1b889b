import { describe, expect, it } from 'vitest';
import {
	gapsBelow,
	MAX_POPULATION,
	parsePopulation,
	parseYear,
	totalOf,
	yearFigures,
	type TreeArea
} from './population';

/*
 * P (province) ─ D1 (district) ─ S1 (sub-county) ─ W1, W2 (wards)
 *              │                └ S2 (no wards)
 *              └ D2 ─ W3, W4
 * Q (province, no sub-areas)
 */
const tree: TreeArea[] = [
	{ id: 'P', parentId: null },
	{ id: 'D1', parentId: 'P' },
	{ id: 'S1', parentId: 'D1' },
	{ id: 'W1', parentId: 'S1' },
	{ id: 'W2', parentId: 'S1' },
	{ id: 'S2', parentId: 'D1' },
	{ id: 'D2', parentId: 'P' },
	{ id: 'W3', parentId: 'D2' },
	{ id: 'W4', parentId: 'D2' },
	{ id: 'Q', parentId: null }
];
const figures = (entries: Record<string, number>) => {
	const { figures, missing } = yearFigures(tree, new Map(Object.entries(entries)));
	return { all: Object.fromEntries([...figures].map(([id, f]) => [id, f.population])), figures, missing };
};

describe('child population per area for a year', () => {
	it('an area without an entry is the sum of its children when every child has a figure, at any depth', () => {
		const r = figures({ W1: 100, W2: 200, S2: 50, W3: 10, W4: 20, Q: 7 });
		expect(r.all).toEqual({ P: 380, D1: 350, S1: 300, W1: 100, W2: 200, S2: 50, D2: 30, W3: 10, W4: 20, Q: 7 });
		expect(r.figures.get('S1')).toEqual({ population: 300, from: 'sum', parts: 2 });
		expect(r.figures.get('D1')).toEqual({ population: 350, from: 'sum', parts: 2 });
		expect(r.figures.get('W1')).toEqual({ population: 100, from: 'entered' });
		expect(r.missing).toEqual([]);
	});

	it('one child without a figure leaves every area above it without one (a partial sum would overstate the ratio)', () => {
		const r = figures({ W1: 100, S2: 50, W3: 10, W4: 20 });
		expect(r.all).toMatchObject({ W2: null, S1: null, D1: null, P: null, D2: 30, Q: null });
		expect(r.missing).toEqual(['P', 'D1', 'S1', 'W2', 'Q']);
		expect(r.figures.get('P')).toEqual({ population: null, from: 'missing' });
	});

	it("a parent's own entry wins over its children's sum, and fills the gap below it for the areas above", () => {
		const r = figures({ W1: 100, S1: 999, S2: 50, D2: 25, W3: 10, W4: 20 });
		expect(r.all).toMatchObject({ S1: 999, D1: 1049, D2: 25, P: 1074, W2: null });
		expect(r.figures.get('D2')).toEqual({ population: 25, from: 'entered' });
		expect(r.missing).toEqual(['W2', 'Q']);
	});

	it("a ward never borrows its district's figure", () => {
		const r = figures({ D1: 5000 });
		expect(r.all).toMatchObject({ D1: 5000, S1: null, W1: null, W2: null, S2: null, P: null });
	});

	it('mixed depths: an entry on a district and one on a ward of the other district', () => {
		const r = figures({ D1: 400, W3: 10, W4: 15 });
		expect(r.all).toMatchObject({ P: 425, D1: 400, D2: 25 });
		expect(r.figures.get('P')).toEqual({ population: 425, from: 'sum', parts: 2 });
	});

	it('the jurisdiction is the sum of its top-level areas only when each has a figure', () => {
		const some = figures({ D1: 400, D2: 30 });
		expect(totalOf(some.figures, ['P', 'Q'])).toBeNull();
		const all = figures({ D1: 400, D2: 30, Q: 7 });
		expect(totalOf(all.figures, ['P', 'Q'])).toBe(437);
		expect(totalOf(all.figures, [])).toBeNull();
	});

	it('the gaps to fill: going down through areas without a figure, the first with no entry in it or below it', () => {
		const gaps = (given: Record<string, number>, roots: string[]) =>
			gapsBelow(tree, figures(given).figures, roots, new Map(Object.entries(given)));
		expect(gaps({ W1: 100, W3: 10, W4: 20 }, ['P', 'Q'])).toEqual(['W2', 'S2', 'Q']);
		expect(gaps({ W1: 100, W3: 10, W4: 20 }, ['D2'])).toEqual([]); // D2 has its figure
		// D2 and its wards have none: D2 is asked for (or both its wards), not each ward
		expect(gaps({ D1: 1 }, ['P'])).toEqual(['D2']);
		expect(gaps({ D1: 1, W3: 5 }, ['P'])).toEqual(['W4']);
		// nothing entered anywhere: the roots themselves
		expect(gaps({}, ['P', 'Q'])).toEqual(['P', 'Q']);
		expect(gaps({}, ['D1'])).toEqual(['D1']);
	});

	it('an area tree with a cycle gives those areas no figure instead of looping', () => {
		const cyclic: TreeArea[] = [
			{ id: 'A', parentId: 'B' },
			{ id: 'B', parentId: 'A' }
		];
		expect(yearFigures(cyclic, new Map()).missing).toEqual(['A', 'B']);
		expect(gapsBelow(cyclic, new Map(), ['A'], new Map())).toEqual(['A']); // no entry in it: asked for itself, no loop
	});
});

describe('reading a figure and a year', () => {
	it('takes digits with thousands separators, from 1 to the maximum', () => {
		expect(parsePopulation('12 500')).toBe(12_500);
		expect(parsePopulation('4,000')).toBe(4000);
		expect(parsePopulation(String(MAX_POPULATION))).toBe(MAX_POPULATION);
		for (const bad of ['0', '-5', '1.5', '1e9', 'lots', '', String(MAX_POPULATION + 1), '99999999999999999999'])
			expect(parsePopulation(bad), bad).toBeNull();
	});

	it('takes a four-digit year from 1900 to 2999', () => {
		expect(parseYear(' 2025 ')).toBe(2025);
		for (const bad of ['1899', '3000', '20261', '25', 'x']) expect(parseYear(bad), bad).toBeNull();
	});
});
