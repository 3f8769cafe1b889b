// Child population per area for one calendar year (the RAM 45 denominator). Figures are entered at any level of the
// area tree, each with its source. An area's figure for a year is its own entry for that year; without one, the sum
// of its children's figures when every child has one (recursively); otherwise none: a partial sum would overstate
// the ratio, and an area never borrows a parent's figure (a ward is not its district). Plain functions, no database.
import { MAX_YEAR, MIN_YEAR } from './filters';

/** per entry; int4 holds it, and it is more children than any country has */
export const MAX_POPULATION = 1_000_000_000;
export const MAX_SOURCE = 200;

export interface TreeArea {
	id: string;
	parentId: string | null;
}

/** Where an area's figure comes from: its own entry, the sum of its `parts` children, or nowhere. */
export type Figure =
	| { population: number; from: 'entered' }
	| { population: number; from: 'sum'; parts: number }
	| { population: null; from: 'missing' };

export interface YearFigures {
	figures: Map<string, Figure>;
	/** the areas without a figure, in the order given */
	missing: string[];
}

const MISSING: Figure = { population: null, from: 'missing' };

function childrenOf(areas: TreeArea[]) {
	const children = new Map<string, string[]>();
	for (const a of areas) {
		if (!a.parentId) continue;
		const list = children.get(a.parentId);
		if (list) list.push(a.id);
		else children.set(a.parentId, [a.id]);
	}
	return children;
}

/** Every area's figure for one year from that year's entries (area id → population). */
export function yearFigures(areas: TreeArea[], entries: ReadonlyMap<string, number>): YearFigures {
	const children = childrenOf(areas);
	const figures = new Map<string, Figure>();
	const visiting = new Set<string>();
	const figureOf = (id: string): Figure => {
		const known = figures.get(id);
		if (known) return known;
		const own = entries.get(id);
		let f: Figure = MISSING;
		if (own !== undefined) f = { population: own, from: 'entered' };
		else if (!visiting.has(id)) {
			// a cycle (which the area import refuses) has no figure rather than no end
			visiting.add(id);
			const kids = (children.get(id) ?? []).map(figureOf);
			visiting.delete(id);
			if (kids.length && kids.every((k) => k.population !== null))
				f = { population: kids.reduce((t, k) => t + k.population!, 0), from: 'sum', parts: kids.length };
		}
		figures.set(id, f);
		return f;
	};
	for (const a of areas) figureOf(a.id);
	return { figures, missing: areas.filter((a) => figures.get(a.id)!.population === null).map((a) => a.id) };
}

/** Several areas together (the whole jurisdiction: its top-level areas): their sum only when each has a figure. */
export function totalOf(figures: Map<string, Figure>, ids: string[]): number | null {
	const parts = ids.map((id) => figures.get(id)?.population ?? null);
	return parts.length && parts.every((p) => p !== null) ? parts.reduce((t, p) => t! + p!, 0) : null;
}

/**
 * What to enter for `roots` to have a figure: going down from each root through areas without a figure, the first
 * area reached that has no entry in it or anywhere below it (an area with a figure stops the walk; an area with some
 * entries below goes on to its sub-areas). Entering a figure for each, or for every area below one, or for an area
 * above them, completes the sum. In the order of `areas`. A country with no figure at all is asked for its top-level
 * areas, not for its thousand wards.
 */
export function gapsBelow(
	areas: TreeArea[],
	figures: Map<string, Figure>,
	roots: string[],
	entries: ReadonlyMap<string, number>
): string[] {
	const children = childrenOf(areas);
	// the areas with an entry in them or below them (walking up from each entry)
	const parentOf = new Map(areas.map((a) => [a.id, a.parentId]));
	const holding = new Set<string>();
	for (const id of entries.keys())
		for (let at: string | null | undefined = id; at && !holding.has(at); at = parentOf.get(at)) holding.add(at);
	const gaps = new Set<string>();
	const seen = new Set<string>();
	const walk = (id: string) => {
		if (seen.has(id) || figures.get(id)?.population != null) return;
		seen.add(id);
		const kids = children.get(id) ?? [];
		if (!kids.length || !holding.has(id)) gaps.add(id);
		else kids.forEach(walk);
	};
	roots.forEach(walk);
	return areas.filter((a) => gaps.has(a.id)).map((a) => a.id);
}

/** A figure as typed: digits, with spaces or commas between thousands allowed; 1 to MAX_POPULATION. */
export function parsePopulation(raw: string): number | null {
	const digits = raw.replace(/[\s,\u00a0\u202f]/g, '');
	if (!/^\d{1,10}$/.test(digits)) return null;
	const n = Number(digits);
	return n >= 1 && n <= MAX_POPULATION ? n : null;
}

export function parseYear(raw: string): number | null {
	const y = /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
	return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}
