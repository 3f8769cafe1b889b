// Each indicator as CSV, from the same rows the page shows (a few hundred lines at most, so built in one go).
import { stringify } from 'csv-stringify/sync';
import type { ReportContext } from './context';
import type { Filters } from './filters';
import type { IndicatorReport } from './report';
import type { Scorecard } from './qa';
import { criterionTitle, bandLabel } from '$lib/qa-labels';

export type Indicator = 'vac' | 'ram' | 'qa';

const num = (x: number | null) => (x === null ? '' : String(x));
/** Text typed by people never starts a spreadsheet formula. */
const safe = (s: string) => (/^([=+@\t\r]|-\S)/.test(s) ? `'${s}` : s);

export function vacCsv(ctx: ReportContext, f: Filters, r: IndicatorReport): string {
	const base = [ctx.jurisdiction.code, r.scope.code, f.asOf, f.version, f.partner ?? ''];
	const rows = [
		['total', '', r.vac.total],
		...r.vac.by.flatMap((d) => d.rows.map((row) => [d.dimension, row.key ?? '', row] as const))
	] as const;
	return stringify(
		rows.map(([dim, key, row]) => [...base, dim, key, safe(row.label), row.certified, row.workers, num(row.percent)]),
		{
			header: true,
			columns: [
				'jurisdiction',
				'area',
				'as_of',
				'version',
				'supporting_partner',
				'dimension',
				'group_code',
				'group',
				'certified',
				'workers',
				'percent'
			]
		}
	);
}

export function ramCsv(ctx: ReportContext, f: Filters, r: IndicatorReport): string {
	const base = [ctx.jurisdiction.code, r.scope.code, f.year];
	const rows = [
		['total', '', r.ram.total],
		...r.ram.areas.map((row) => ['area', row.key ?? '', row] as const),
		...r.ram.by.flatMap((d) => d.rows.map((row) => [d.dimension, row.key ?? '', row] as const))
	] as const;
	return stringify(
		rows.map(([dim, key, row]) => [
			...base,
			dim,
			key,
			safe(row.label),
			row.workers,
			num(row.population),
			num(row.year),
			num(row.rate)
		]),
		{
			header: true,
			columns: [
				'jurisdiction',
				'area',
				'year',
				'dimension',
				'group_code',
				'group',
				'workers',
				'child_population',
				'population_year',
				'per_100000_children'
			]
		}
	);
}

export function qaCsv(ctx: ReportContext, card: Scorecard): string {
	const rows = card.criteria.map((c) => [
		ctx.jurisdiction.code,
		`C${c.criterion}`,
		criterionTitle(c.criterion),
		num(c.score),
		safe(c.justification),
		safe(c.evidence),
		safe(c.scoredBy ?? ''),
		c.scoredAt?.toISOString() ?? ''
	]);
	rows.push([ctx.jurisdiction.code, 'total', card.band ? bandLabel(card.band) : '', num(card.total), '', '', '', '']);
	return stringify(rows, {
		header: true,
		columns: ['jurisdiction', 'criterion', 'title', 'score', 'justification', 'evidence', 'scored_by', 'scored_at']
	});
}
