// Each indicator as CSV, from the same rows the page shows (a few hundred lines at most, so held in memory; the
// writer in ../csv does the quoting and neutralises text that would start a spreadsheet formula). Areas and the
// supporting partner are named by code and name, never by database id: the report's group keys are codes already.
import type { CsvTable } from '../csv/writer';
import type { ReportContext } from './context';
import type { Filters } from './filters';
import type { IndicatorReport } from './report';
import type { Scorecard } from './qa';
import { criterionTitle, bandLabel } from '$lib/qa-labels';

export type Indicator = 'vac' | 'ram' | 'qa';

export function vacCsv(ctx: ReportContext, f: Filters, r: IndicatorReport): CsvTable {
	const partner = ctx.partners.find((p) => p.id === f.partner);
	const base = [
		ctx.jurisdiction.code,
		r.scope.code,
		r.scope.name,
		f.asOf,
		f.version,
		partner?.code ?? '',
		partner?.name ?? ''
	];
	const rows = [
		['total', '', r.vac.total],
		...r.vac.by.flatMap((d) => d.rows.map((row) => [d.dimension, row.key ?? '', row] as const))
	] as const;
	return {
		columns: [
			'jurisdiction',
			'area',
			'area_name',
			'as_of',
			'version',
			'supporting_partner',
			'supporting_partner_name',
			'dimension',
			'group_code',
			'group',
			'certified',
			'workers',
			'percent'
		],
		rows: rows.map(([dim, key, row]) => [...base, dim, key, row.label, row.certified, row.workers, row.percent])
	};
}

export function ramCsv(ctx: ReportContext, f: Filters, r: IndicatorReport): CsvTable {
	const base = [ctx.jurisdiction.code, r.scope.code, r.scope.name, f.year];
	const rows = [
		['total', '', r.ram.total],
		...r.ram.areas.map((row) => ['area', row.key ?? '', row] as const),
		...r.ram.by.flatMap((d) => d.rows.map((row) => [d.dimension, row.key ?? '', row] as const))
	] as const;
	return {
		columns: [
			'jurisdiction',
			'area',
			'area_name',
			'year',
			'dimension',
			'group_code',
			'group',
			'workers',
			'child_population',
			'per_100000_children'
		],
		rows: rows.map(([dim, key, row]) => [...base, dim, key, row.label, row.workers, row.population, row.rate])
	};
}

export function qaCsv(ctx: ReportContext, card: Scorecard): CsvTable {
	const rows = card.criteria.map((c) => [
		ctx.jurisdiction.code,
		card.period,
		`C${c.criterion}`,
		criterionTitle(c.criterion),
		c.score,
		c.justification,
		c.evidence,
		c.scoredBy,
		c.scoredAt
	]);
	rows.push([
		ctx.jurisdiction.code,
		card.period,
		'total',
		card.band ? bandLabel(card.band) : '',
		card.total,
		'',
		'',
		'',
		''
	]);
	return {
		columns: [
			'jurisdiction',
			'period',
			'criterion',
			'title',
			'score',
			'justification',
			'evidence',
			'scored_by',
			'scored_at'
		],
		rows
	};
}
