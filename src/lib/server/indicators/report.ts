// Turns the counts into the rows the page, the charts and the CSV show: one place, so the page and the CSV always
// carry the same numbers. RAM 45 for year Y divides by year Y's child population (population.ts).
import { localFramework } from '../content';
import type { ReportContext } from './context';
import type { Filters } from './filters';
import { indicatorCounts, type Dimension, type GroupCounts } from './compute';
import { per100k, percent } from './maths';
import { gapsBelow, totalOf, yearFigures, type Figure } from './population';
import { yearEntries } from './population-store';
import { codeOrder, workforceLabel } from '$lib/workforce-labels';
import { m } from '$lib/paraglide/messages';

export interface VacRow {
	/** the group's code (an area's code, a cadre's code, a track id); null = not recorded. Never a database id. */
	key: string | null;
	label: string;
	certified: number;
	workers: number;
	percent: number | null;
}
export interface RamRow {
	key: string | null;
	label: string;
	workers: number;
	population: number | null;
	rate: number | null;
}

/** An area the denominator lacks a figure for (its own, or one below it). */
export interface PopulationGap {
	code: string;
	name: string;
	level: string;
}
export type VacDimension = 'area' | 'cadre' | 'sector' | 'sex' | 'track';
export type RamDimension = 'cadre' | 'credential' | 'education' | 'sector';

export interface IndicatorReport {
	scope: { name: string; code: string; population: number | null; year: number };
	/** the level name of the areas directly below the scope (the "by area" breakdown); '' when not named */
	subLevel: string;
	vac: { total: VacRow; by: { dimension: VacDimension; rows: VacRow[] }[] };
	ram: {
		total: RamRow;
		areas: RamRow[];
		by: { dimension: RamDimension; rows: RamRow[] }[];
		/** the areas to give a figure for the year (or an area above them) for the scope to have one */
		gaps: PopulationGap[];
	};
}

export const VAC_DIMENSIONS: VacDimension[] = ['area', 'cadre', 'sector', 'sex', 'track'];
export const RAM_DIMENSIONS: RamDimension[] = ['cadre', 'credential', 'education', 'sector'];

/** The scope's figure for the year: the chosen area's, or for the whole jurisdiction the sum of its top-level areas'
 *  (only when each has one), with the areas it lacks. */
export function scopePopulation(
	ctx: ReportContext,
	figures: Map<string, Figure>,
	areaId: string | null,
	entries: ReadonlyMap<string, number>
) {
	const roots = areaId ? [areaId] : ctx.areas.filter((a) => a.parentId === null).map((a) => a.id);
	const gaps = new Set(gapsBelow(ctx.areas, figures, roots, entries));
	return {
		population: areaId ? (figures.get(areaId)?.population ?? null) : totalOf(figures, roots),
		gaps: ctx.areas.filter((a) => gaps.has(a.id)).map((a) => ({ code: a.code, name: a.name, level: a.level }))
	};
}

/** The counts and the year's population entries, side by side (two queries, one round trip of time). */
export async function indicatorReport(ctx: ReportContext, f: Filters): Promise<IndicatorReport> {
	const [counts, entries] = await Promise.all([
		indicatorCounts(ctx.jurisdiction.id, f),
		yearEntries(ctx.jurisdiction.id, f.year)
	]);
	return shapeReport(ctx, f, counts, entries);
}

export function shapeReport(
	ctx: ReportContext,
	f: Filters,
	counts: GroupCounts[],
	entries: ReadonlyMap<string, number>
): IndicatorReport {
	const chosen = ctx.areas.find((a) => a.id === f.areaId) ?? null;
	const { figures } = yearFigures(ctx.areas, entries);
	const pop = scopePopulation(ctx, figures, f.areaId, entries);
	const of = (d: Dimension) => counts.filter((c) => c.dimension === d);
	const total = of('total')[0] ?? { dimension: 'total', key: null, vacWorkers: 0, vacCertified: 0, ramWorkers: 0 };
	const tracks = new Map(localFramework().tracks.map((t) => [t.id, t.title]));
	const subAreas = ctx.areas.filter((a) => a.parentId === (f.areaId ?? null));
	const areaName = new Map(ctx.areas.map((a) => [a.id, a.name]));
	const areaCode = new Map(ctx.areas.map((a) => [a.id, a.code]));
	// groups are read by code, never by database id (the CSV shows them)
	const keyOf = (d: Dimension, key: string | null) => (d === 'area' && key ? (areaCode.get(key) ?? null) : key);

	const label = (d: Dimension, key: string | null) =>
		key === null
			? m.ind_not_recorded()
			: d === 'area'
				? key === f.areaId
					? m.ind_area_itself({ name: areaName.get(key) ?? key })
					: (areaName.get(key) ?? key)
				: d === 'track'
					? (tracks.get(key) ?? key)
					: workforceLabel(d, key);

	/** Every sub-area (even with no one), then the chosen area itself and "not recorded" when someone is there. */
	const groups = (d: Dimension): GroupCounts[] => {
		const present = of(d);
		if (d === 'area') {
			const byKey = new Map(present.map((c) => [c.key, c]));
			const zero = (key: string | null): GroupCounts => ({
				dimension: d,
				key,
				vacWorkers: 0,
				vacCertified: 0,
				ramWorkers: 0
			});
			return [
				...subAreas.map((a) => byKey.get(a.id) ?? zero(a.id)),
				...present.filter((c) => c.key === f.areaId || c.key === null)
			];
		}
		const order = d === 'track' ? [...tracks.keys()] : codeOrder(d);
		const rank = (k: string | null) => (k === null ? 1e9 : order.includes(k) ? order.indexOf(k) : 1e6);
		return present.sort((a, b) => rank(a.key) - rank(b.key) || String(a.key).localeCompare(String(b.key)));
	};

	const vacRow = (d: Dimension, c: GroupCounts): VacRow => ({
		key: keyOf(d, c.key),
		label: label(d, c.key),
		certified: c.vacCertified,
		workers: c.vacWorkers,
		percent: percent(c.vacCertified, c.vacWorkers)
	});
	const ramRow = (d: Dimension, c: GroupCounts, population: number | null): RamRow => ({
		key: keyOf(d, c.key),
		label: label(d, c.key),
		workers: c.ramWorkers,
		population,
		rate: per100k(c.ramWorkers, population)
	});
	// the chosen area's own workers (not in any sub-area) and "not recorded" have no population of their own
	const subPop = (key: string | null) =>
		key !== null && key !== f.areaId ? (figures.get(key)?.population ?? null) : null;
	return {
		scope: {
			name: chosen?.name ?? ctx.jurisdiction.name,
			code: chosen?.code ?? '',
			population: pop.population,
			year: f.year
		},
		subLevel: ctx.levels[chosen ? chosen.depth + 1 : 0] ?? '',
		vac: {
			total: { ...vacRow('total', total), label: chosen?.name ?? ctx.jurisdiction.name },
			by: VAC_DIMENSIONS.map((d) => ({ dimension: d, rows: groups(d).map((c) => vacRow(d, c)) }))
		},
		ram: {
			total: { ...ramRow('total', total, pop.population), label: chosen?.name ?? ctx.jurisdiction.name },
			areas: groups('area').map((c) => ramRow('area', c, subPop(c.key))),
			by: RAM_DIMENSIONS.map((d) => ({
				dimension: d,
				rows: groups(d).map((c) => ramRow(d, c, pop.population))
			})),
			gaps: pop.gaps
		}
	};
}
