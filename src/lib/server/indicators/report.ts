// Turns the counts into the rows the page, the charts and the CSV show: one place, so the page and the CSV always
// carry the same numbers.
import { getContent } from '../content';
import type { ReportContext, AreaRow } from './context';
import type { Filters } from './filters';
import { indicatorCounts, type Dimension, type GroupCounts } from './compute';
import { per100k, percent } from './maths';
import { codeOrder, workforceLabel } from '$lib/workforce-labels';
import { m } from '$lib/paraglide/messages';

export interface VacRow {
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
	year: number | null;
	rate: number | null;
}
export type VacDimension = 'area' | 'cadre' | 'sector' | 'sex' | 'track';
export type RamDimension = 'cadre' | 'credential' | 'education' | 'sector';

export interface IndicatorReport {
	scope: { name: string; code: string; population: number | null; year: number | null };
	vac: { total: VacRow; by: { dimension: VacDimension; rows: VacRow[] }[] };
	ram: { total: RamRow; areas: RamRow[]; by: { dimension: RamDimension; rows: RamRow[] }[] };
}

export const VAC_DIMENSIONS: VacDimension[] = ['area', 'cadre', 'sector', 'sex', 'track'];
export const RAM_DIMENSIONS: RamDimension[] = ['cadre', 'credential', 'education', 'sector'];

/** The chosen area's figure; for the whole jurisdiction the sum of the regions', only when every region has one
 *  (a partial sum would overstate the ratio). The year is the oldest year in the sum. */
export function scopePopulation(
	areas: AreaRow[],
	areaId: string | null
): { population: number | null; year: number | null } {
	const parts = areaId ? areas.filter((a) => a.id === areaId) : areas.filter((a) => a.parentId === null);
	if (!parts.length || parts.some((a) => a.childPopulation === null || a.populationYear === null))
		return { population: null, year: null };
	return {
		population: parts.reduce((t, a) => t + a.childPopulation!, 0),
		year: Math.min(...parts.map((a) => a.populationYear!))
	};
}

export async function indicatorReport(ctx: ReportContext, f: Filters): Promise<IndicatorReport> {
	return shapeReport(ctx, f, await indicatorCounts(ctx.jurisdiction.id, f));
}

export function shapeReport(ctx: ReportContext, f: Filters, counts: GroupCounts[]): IndicatorReport {
	const chosen = ctx.areas.find((a) => a.id === f.areaId) ?? null;
	const pop = scopePopulation(ctx.areas, f.areaId);
	const of = (d: Dimension) => counts.filter((c) => c.dimension === d);
	const total = of('total')[0] ?? { dimension: 'total', key: null, vacWorkers: 0, vacCertified: 0, ramWorkers: 0 };
	const tracks = new Map(getContent().framework.tracks.map((t) => [t.id, t.title]));
	const subAreas = ctx.areas.filter((a) => a.parentId === (f.areaId ?? null));
	const areaName = new Map(ctx.areas.map((a) => [a.id, a.name]));

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
		key: c.key,
		label: label(d, c.key),
		certified: c.vacCertified,
		workers: c.vacWorkers,
		percent: percent(c.vacCertified, c.vacWorkers)
	});
	const ramRow = (d: Dimension, c: GroupCounts, population: number | null, year: number | null): RamRow => ({
		key: c.key,
		label: label(d, c.key),
		workers: c.ramWorkers,
		population,
		year,
		rate: per100k(c.ramWorkers, population)
	});
	const subPop = new Map(subAreas.map((a) => [a.id, a]));
	return {
		scope: { name: chosen?.name ?? ctx.jurisdiction.name, code: chosen?.code ?? '', ...pop },
		vac: {
			total: { ...vacRow('total', total), label: chosen?.name ?? ctx.jurisdiction.name },
			by: VAC_DIMENSIONS.map((d) => ({ dimension: d, rows: groups(d).map((c) => vacRow(d, c)) }))
		},
		ram: {
			total: { ...ramRow('total', total, pop.population, pop.year), label: chosen?.name ?? ctx.jurisdiction.name },
			areas: groups('area').map((c) =>
				ramRow(
					'area',
					c,
					subPop.get(c.key ?? '')?.childPopulation ?? null,
					subPop.get(c.key ?? '')?.populationYear ?? null
				)
			),
			by: RAM_DIMENSIONS.map((d) => ({
				dimension: d,
				rows: groups(d).map((c) => ramRow(d, c, pop.population, pop.year))
			}))
		}
	};
}
