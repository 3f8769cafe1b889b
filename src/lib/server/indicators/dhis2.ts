// A published indicator report as a DHIS2 `dataValueSets` body (import with idScheme=CODE): counts, never percentages
// — the VAC 3.1(d).1 numerator and denominator, RAM 45's workers and the child population — each by code through the
// jurisdiction's mapping (dhis2-mapping.ts). Pure. A value the mapping has no code for is never guessed: it is a problem,
// and the export refuses with the list. The structure: docs/domains/dhis2.md, docs/examples/dhis2/dataValueSets.schema.json.
import type { CalendarDay } from '$lib/calendar-day';
import type { Version } from './filters';
import type { IndicatorReport, RamRow, VacRow } from './report';
import { codeProblem, NOT_RECORDED, type Breakdown, type Dhis2Mapping, type Measure } from './dhis2-mapping';

export interface DataValue {
	dataElement: string;
	period: string;
	orgUnit: string;
	/** absent for a total: DHIS2 then uses its default category option combination */
	categoryOptionCombo?: string;
	value: string;
}
export interface DataValueSet {
	dataValues: DataValue[];
}
export type Dhis2Problem =
	| { kind: 'mapping' }
	| { kind: 'partner' }
	| { kind: 'combo'; dimension: Breakdown; key: string | null; label: string }
	| { kind: 'orgUnit'; area: string; label: string; problem: string };
export type Dhis2Export = { ok: true; dataValueSet: DataValueSet } | { ok: false; problems: Dhis2Problem[] };

export interface Dhis2Period {
	asOf: CalendarDay;
	year: number;
	version: Version;
	/** a report restricted to one supporting partner is not exported: its numerator would replace the full one */
	partnerId?: string | null;
}

/** ISO periods as DHIS2 writes them: a day 20260630, a year 2026. */
export const dailyPeriod = (day: CalendarDay) => day.replaceAll('-', '');
export const yearlyPeriod = (year: number) => String(year);

export function dataValueSets(report: IndicatorReport, period: Dhis2Period, mapping: Dhis2Mapping | null): Dhis2Export {
	if (!mapping) return { ok: false, problems: [{ kind: 'mapping' }] };
	const problems: Dhis2Problem[] = period.partnerId ? [{ kind: 'partner' }] : [];
	const seen = new Set<string>();
	const problem = (p: Dhis2Problem) => {
		const key = JSON.stringify(p);
		if (seen.has(key)) return;
		seen.add(key);
		problems.push(p);
	};
	// several Credo values may share one combination (e.g. two sexes into "unknown"): their counts are added
	const values = new Map<string, DataValue>();
	const put = (dataElement: string, pe: string, orgUnit: string, count: number, combo?: string) => {
		const key = [dataElement, pe, orgUnit, combo ?? ''].join('\u0000');
		const had = values.get(key);
		if (had) had.value = String(Number(had.value) + count);
		else
			values.set(key, {
				dataElement,
				period: pe,
				orgUnit,
				...(combo === undefined ? {} : { categoryOptionCombo: combo }),
				value: String(count)
			});
	};
	const de = (measure: Measure, part: 'total' | Breakdown) =>
		(mapping.dataElements[measure] as Record<string, string>)[part];
	const unit = (areaCode: string, label: string) => {
		const code = mapping.orgUnits.areas[areaCode] ?? areaCode;
		const bad = codeProblem(code);
		if (bad) problem({ kind: 'orgUnit', area: areaCode, label, problem: bad });
		return code;
	};
	const combo = (dimension: Breakdown, row: { key: string | null; label: string }) => {
		const code = mapping.categoryOptionCombos[dimension]?.[row.key ?? NOT_RECORDED];
		if (code === undefined) problem({ kind: 'combo', dimension, key: row.key, label: row.label });
		return code;
	};

	const day = dailyPeriod(period.asOf);
	const year = yearlyPeriod(period.year);
	const scope = report.scope.code ? unit(report.scope.code, report.scope.name) : mapping.orgUnits.root;
	const certified: Measure = period.version === 'strict' ? 'vacCertifiedStrict' : 'vacCertifiedAggregate';
	// "the area itself" and "not recorded" of the area breakdown have no org unit of their own: they are in the scope's
	// total, and nowhere else
	const isSubArea = (row: { key: string | null }) => row.key !== null && row.key !== report.scope.code;

	const vac = (orgUnit: string, pe: string, row: VacRow, dimension: Breakdown | 'total') => {
		const coc = dimension === 'total' ? undefined : combo(dimension, row);
		if (dimension !== 'total' && coc === undefined) return;
		put(de(certified, dimension), pe, orgUnit, row.certified, coc);
		put(de('vacWorkers', dimension), pe, orgUnit, row.workers, coc);
	};
	vac(scope, day, report.vac.total, 'total');
	for (const { dimension, rows } of report.vac.by)
		for (const row of rows)
			if (dimension === 'area') {
				if (isSubArea(row)) vac(unit(row.key!, row.label), day, row, 'total');
			} else vac(scope, day, row, dimension);

	const ram = (orgUnit: string, row: RamRow, dimension: Breakdown | 'total') => {
		if (dimension === 'total') {
			put(de('ramWorkers', 'total'), year, orgUnit, row.workers);
			if (row.population !== null) put(de('childPopulation', 'total'), year, orgUnit, row.population);
			return;
		}
		const coc = combo(dimension, row);
		if (coc !== undefined) put(de('ramWorkers', dimension), year, orgUnit, row.workers, coc);
	};
	ram(scope, report.ram.total, 'total');
	for (const row of report.ram.areas) if (isSubArea(row)) ram(unit(row.key!, row.label), row, 'total');
	for (const { dimension, rows } of report.ram.by) for (const row of rows) ram(scope, row, dimension);

	return problems.length ? { ok: false, problems } : { ok: true, dataValueSet: { dataValues: [...values.values()] } };
}
