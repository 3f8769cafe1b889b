// Each indicator over the published periods: one point per period, from the reports published for one scope (area,
// version, supporting partner). A period published more than once counts with its latest publication. Pure: published
// reports in, series out; the page's chart and table and the CSV read the same series.
import type { CsvTable } from '../csv/writer';
import type { PublishedReport } from './published';

export interface TrendScope {
	areaCode: string;
	version: 'strict' | 'aggregate';
	partnerCode: string;
}

export interface VacPoint {
	/** the as-of date */
	period: string;
	percent: number | null;
	certified: number;
	workers: number;
	report: { id: string; title: string };
}
export interface RamPoint {
	period: number;
	rate: number | null;
	workers: number;
	population: number | null;
	report: { id: string; title: string };
}
export interface QaPoint {
	period: number;
	total: number | null;
	band: string | null;
	report: { id: string; title: string };
}
export interface Trends {
	vac: VacPoint[];
	ram: RamPoint[];
	qa: QaPoint[];
}

/** The reports of this scope, the latest publication of each period, oldest period first. */
export function trends(reports: PublishedReport[], scope: TrendScope): Trends {
	const mine = reports
		.filter(
			(r) =>
				r.figures.scope.areaCode === scope.areaCode &&
				r.version === scope.version &&
				r.figures.scope.partnerCode === scope.partnerCode
		)
		.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
	// later publications of a period replace earlier ones
	const latest = <K>(key: (r: PublishedReport) => K) => [...new Map(mine.map((r) => [key(r), r])).values()];
	const ref = (r: PublishedReport) => ({ id: r.id, title: r.title });
	return {
		vac: latest((r) => r.asOf)
			.map((r) => {
				const t = r.figures.report.vac.total;
				return { period: r.asOf, percent: t.percent, certified: t.certified, workers: t.workers, report: ref(r) };
			})
			.sort((a, b) => a.period.localeCompare(b.period)),
		ram: latest((r) => r.year)
			.map((r) => {
				const t = r.figures.report.ram.total;
				return { period: r.year, rate: t.rate, workers: t.workers, population: t.population, report: ref(r) };
			})
			.sort((a, b) => a.period - b.period),
		qa: latest((r) => r.year)
			.map((r) => ({
				period: r.year,
				total: r.figures.qa?.total ?? null,
				band: r.figures.qa?.band ?? null,
				report: ref(r)
			}))
			.sort((a, b) => a.period - b.period)
	};
}

/** The same series as one CSV: a row per indicator and period. */
export function trendsCsv(jurisdictionCode: string, scope: TrendScope, t: Trends): CsvTable {
	const base = [jurisdictionCode, scope.areaCode, scope.version, scope.partnerCode];
	return {
		columns: [
			'jurisdiction',
			'area',
			'version',
			'supporting_partner',
			'indicator',
			'period',
			'value',
			'numerator',
			'denominator',
			'report'
		],
		rows: [
			...t.vac.map((p) => [...base, 'VAC_3_1_D_1', p.period, p.percent ?? '', p.certified, p.workers, p.report.title]),
			...t.ram.map((p) => [...base, 'RAM_45', p.period, p.rate ?? '', p.workers, p.population ?? '', p.report.title]),
			...t.qa.map((p) => [...base, 'QA_3_A_1', p.period, p.total ?? '', '', '', p.report.title])
		]
	};
}
