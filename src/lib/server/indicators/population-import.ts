// The child population CSV (area_code, year, child_population, source) as an import kind: the runner
// (imports/run.ts) shows the preview, waits for the confirmation and commits all or nothing. Each row sets one area's
// entry for one year, at any level of the tree; areas and years not in the file keep their entries.
import type { Tx } from '../db';
import { registerImport } from '../imports/run';
import { reported, type ImportKind, type Plan, type PreviewRow } from '../imports/types';
import { canEditPopulation } from './access';
import { readCsv } from '../imports/csv-read';
import { MAX_YEAR, MIN_YEAR } from './filters';
import { MAX_POPULATION, MAX_SOURCE, parsePopulation, parseYear } from './population';
import type { RowProblem } from '$lib/import-problems';

export interface PopulationOp {
	areaId: string;
	year: number;
	population: number;
	source: string;
}

const COLUMNS = [
	{ name: 'area_code', required: true, example: 'D-014' },
	{ name: 'year', required: true, example: '2025' },
	{ name: 'child_population', required: true, example: '48200' },
	{ name: 'source', required: true, example: 'National census 2022, projection for 2025' }
] as const;
const BATCH = 1_000;

async function plan(tx: Tx, jurisdictionId: string, text: string): Promise<Plan<PopulationOp>> {
	const { records, problems } = readCsv(text, [...COLUMNS], populationImport.maxRows);
	if (problems.length) return { rows: [], problems, ops: [] };
	const years = [...new Set(records.map((r) => parseYear(r.cells.year)).filter((y): y is number => y !== null))];
	const [areas, existing] = await Promise.all([
		tx.adminArea.findMany({ where: { jurisdictionId }, select: { id: true, code: true, name: true } }),
		tx.areaPopulation.findMany({
			where: { jurisdictionId, year: { in: years } },
			select: { areaId: true, year: true, population: true, source: true }
		})
	]);
	const byCode = new Map(areas.map((a) => [a.code, a]));
	const current = new Map(existing.map((e) => [`${e.areaId}:${e.year}`, e]));
	const seen = new Map<string, number>();
	const rows: PreviewRow[] = [];
	const ops: PopulationOp[] = [];
	for (const { line, cells } of records) {
		const before = problems.length;
		const bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) =>
			problems.push({ line, column, code, ...(params ? { params } : {}) });
		const area = byCode.get(cells.area_code);
		if (!cells.area_code) bad('area_code', 'required');
		else if (!area) bad('area_code', 'unknown_area', { value: cells.area_code.slice(0, 64) });
		const year = parseYear(cells.year);
		if (year === null) bad('year', cells.year ? 'year' : 'required', { min: MIN_YEAR, max: MAX_YEAR });
		const population = parsePopulation(cells.child_population);
		if (population === null)
			bad('child_population', cells.child_population ? 'whole_number' : 'required', { min: 1, max: MAX_POPULATION });
		const source = cells.source;
		if (!source) bad('source', 'required');
		else if (source.length > MAX_SOURCE) bad('source', 'too_long', { max: MAX_SOURCE });
		if (area && year !== null) {
			const key = `${area.id}:${year}`;
			if (seen.has(key)) bad('area_code', 'duplicate', { line: seen.get(key)! });
			else seen.set(key, line);
		}
		if (problems.length > before || !area || year === null || population === null) continue;
		const old = current.get(`${area.id}:${year}`);
		const changes = [
			{ field: 'child_population', from: old ? String(old.population) : null, to: String(population) },
			{ field: 'source', from: old?.source ?? null, to: source }
		].filter((c) => c.from !== c.to);
		const action = !old ? 'add' : changes.length ? 'change' : 'unchanged';
		rows.push({
			line,
			key: area.code,
			label: `${area.name} (${year})`,
			action,
			...(action === 'unchanged' ? {} : { changes })
		});
		if (action !== 'unchanged') ops.push({ areaId: area.id, year, population, source });
	}
	return { rows, problems, ops };
}

/** Upserts in batches; the entry records who confirmed the import. */
async function apply(
	tx: Tx,
	jurisdictionId: string,
	ops: PopulationOp[],
	ctx: { actorId: string; progress(done: number): Promise<void> }
) {
	for (let i = 0; i < ops.length; i += BATCH) {
		const batch = ops.slice(i, i + BATCH);
		await tx.$executeRaw`
			insert into area_populations (id, area_id, jurisdiction_id, year, population, source, entered_by_id, entered_at)
			select gen_random_uuid(), u.area_id, ${jurisdictionId}::uuid, u.year, u.population, u.source, ${ctx.actorId}::uuid, now()
			from unnest(${batch.map((o) => o.areaId)}::uuid[], ${batch.map((o) => o.year)}::int[],
				${batch.map((o) => o.population)}::int[], ${batch.map((o) => o.source)}::text[]) as u(area_id, year, population, source)
			on conflict (area_id, year) do update set population = excluded.population, source = excluded.source,
				entered_by_id = excluded.entered_by_id, entered_at = excluded.entered_at`;
		await ctx.progress(i + batch.length);
	}
}

export const populationImport: ImportKind<PopulationOp> = {
	kind: 'population',
	allowed: canEditPopulation,
	columns: COLUMNS,
	maxRows: 50_000,
	plan: reported(plan),
	apply
};

registerImport(populationImport);
