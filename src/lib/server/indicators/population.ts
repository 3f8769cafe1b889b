// Child population per area (the RAM 45 denominator). Only leaf areas (those without sub-areas, usually wards) take
// a figure; every parent's figure is the sum of the leaves below it, rewritten in the same transaction as each change
// (as both seeds write it), and a parent has no figure while any leaf below it has none — a partial sum would
// overstate its ratio. A parent's year is the oldest year in its sum. Edited on a page or imported as a CSV
// (area_code, child_population, year), all or nothing.
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../errors';
import { assertPopulationEditor } from './access';
import { readCsv } from './csv-read';
import { MAX_YEAR, MIN_YEAR } from './filters';
import type { RowProblem } from '$lib/import-problems';
import { m } from '$lib/paraglide/messages';

export const MAX_POPULATION = 100_000_000; // per leaf area; more children than any country's region
const INT_MAX = 2_147_483_647;
export const POPULATION_COLUMNS = [
	{ name: 'area_code', required: true },
	{ name: 'child_population', required: true },
	{ name: 'year', required: true }
];
export const MAX_POPULATION_ROWS = 20_000;

type Leaf = { id: string; code: string; childPopulation: number | null; populationYear: number | null };
export type Change = { areaId: string; population: number | null; year: number | null };

/** A figure as typed: digits, with spaces or commas between thousands allowed. */
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

async function leaves(jurisdictionId: string): Promise<Map<string, Leaf>> {
	const rows = await db.$queryRaw<Leaf[]>`
		select a.id, a.code, a.child_population as "childPopulation", a.population_year as "populationYear" from admin_areas a
		where a.jurisdiction_id = ${jurisdictionId}::uuid and not exists (select 1 from admin_areas c where c.parent_id = a.id)`;
	return new Map(rows.map((r) => [r.id, r]));
}

/** Reads the edit form: a `pop-<area id>` field and its `year-<area id>` for each leaf area shown. */
export function populationEntries(form: FormData) {
	const entries = new Map<string, { population: string; year: string }>();
	for (const [key, value] of form.entries()) {
		const id = /^pop-([0-9a-f-]{36})$/.exec(key)?.[1];
		if (id && typeof value === 'string')
			entries.set(id, { population: value, year: String(form.get(`year-${id}`) ?? '') });
	}
	return entries;
}

/** The edit form: for each leaf area id, the population and year as typed ('' and '' clears the figure). */
export async function savePopulations(
	user: SessionUser,
	jurisdictionId: string,
	entries: Map<string, { population: string; year: string }>
) {
	assertPopulationEditor(user, jurisdictionId);
	const known = await leaves(jurisdictionId);
	const errors: Record<string, string> = {};
	const changes: Change[] = [];
	for (const [areaId, { population, year }] of entries) {
		if (!known.has(areaId)) throw new DomainError(m.not_found(), 404);
		const [p, y] = [population.trim(), year.trim()];
		if (!p && !y) {
			changes.push({ areaId, population: null, year: null });
			continue;
		}
		const pop = p ? parsePopulation(p) : null;
		const yr = y ? parseYear(y) : null;
		if (pop === null)
			errors[`pop-${areaId}`] = p
				? m.ind_population_invalid({ max: MAX_POPULATION.toLocaleString('en') })
				: m.field_required();
		if (yr === null)
			errors[`year-${areaId}`] = y ? m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR }) : m.field_required();
		changes.push({ areaId, population: pop, year: yr });
	}
	if (Object.keys(errors).length) throw new DomainError(m.ind_population_fix(), 400, errors);
	if (!entries.size) throw new DomainError(m.ind_population_nothing(), 400);
	return applyChanges(user, jurisdictionId, known, changes, 'population.updated');
}

/** The CSV: every row checked first; any problem → nothing written and the report by line and column. */
export async function importPopulations(
	user: SessionUser,
	jurisdictionId: string,
	text: string
): Promise<{ problems: RowProblem[]; changed: number }> {
	assertPopulationEditor(user, jurisdictionId);
	if (text.includes('\u0000'))
		return { problems: [{ line: 1, column: '', code: 'csv', params: { detail: m.ind_file_not_text() } }], changed: 0 };
	const { records, problems } = readCsv(text, POPULATION_COLUMNS, MAX_POPULATION_ROWS);
	if (problems.length) return { problems, changed: 0 };
	const [known, all] = await Promise.all([
		leaves(jurisdictionId),
		db.adminArea.findMany({ where: { jurisdictionId }, select: { id: true, code: true } })
	]);
	const byCode = new Map(all.map((a) => [a.code, a.id]));
	const seen = new Map<string, number>();
	const changes: Change[] = [];
	for (const { line, cells } of records) {
		const bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) =>
			problems.push({ line, column, code, ...(params ? { params } : {}) });
		const id = byCode.get(cells.area_code);
		if (!cells.area_code) bad('area_code', 'required');
		else if (!id) bad('area_code', 'unknown_area', { value: cells.area_code.slice(0, 64) });
		else if (!known.has(id)) bad('area_code', 'parent_area', { value: cells.area_code });
		else if (seen.has(id)) bad('area_code', 'duplicate', { line: seen.get(id)! });
		else seen.set(id, line);
		const pop = parsePopulation(cells.child_population);
		if (pop === null)
			bad('child_population', cells.child_population ? 'whole_number' : 'required', { min: 1, max: MAX_POPULATION });
		const year = parseYear(cells.year);
		if (year === null) bad('year', cells.year ? 'year' : 'required', { min: MIN_YEAR, max: MAX_YEAR });
		if (id && known.has(id)) changes.push({ areaId: id, population: pop, year });
	}
	if (problems.length) return { problems, changed: 0 };
	try {
		return { problems: [], changed: await applyChanges(user, jurisdictionId, known, changes, 'population.imported') };
	} catch (e) {
		if (e instanceof DomainError && e.fields.total)
			return {
				problems: [{ line: 1, column: 'child_population', code: 'total_too_large', params: { max: INT_MAX } }],
				changed: 0
			};
		throw e;
	}
}

async function applyChanges(
	user: SessionUser,
	jurisdictionId: string,
	known: Map<string, Leaf>,
	changes: Change[],
	action: string
): Promise<number> {
	const changed = changes.filter(
		(c) => known.get(c.areaId)!.childPopulation !== c.population || known.get(c.areaId)!.populationYear !== c.year
	);
	const after = new Map([...known].map(([id, l]) => [id, l.childPopulation ?? 0]));
	for (const c of changed) after.set(c.areaId, c.population ?? 0);
	if ([...after.values()].reduce((t, n) => t + n, 0) > INT_MAX)
		throw new DomainError(m.ind_population_total({ max: INT_MAX.toLocaleString('en') }), 400, {
			total: m.ind_population_total({ max: INT_MAX.toLocaleString('en') })
		});
	if (!changed.length) return 0;
	await db.$transaction(async (tx) => {
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`population:${jurisdictionId}`}))`; // parents' sums see every leaf
		await tx.$executeRaw`
			update admin_areas a set child_population = u.pop, population_year = u.year
			from unnest(${changed.map((c) => c.areaId)}::uuid[], ${changed.map((c) => c.population)}::int[], ${changed.map((c) => c.year)}::int[]) as u(id, pop, year)
			where a.id = u.id and a.jurisdiction_id = ${jurisdictionId}::uuid`;
		await recomputeParents(tx, jurisdictionId);
		await audit(tx, {
			actorId: user.id,
			action,
			subjectType: 'jurisdiction',
			subjectId: jurisdictionId,
			jurisdictionId,
			data: changed.map((c) => ({
				area: known.get(c.areaId)!.code,
				from: known.get(c.areaId)!.childPopulation,
				to: c.population,
				year: c.year
			}))
		});
	});
	return changed.length;
}

/** Every parent's figure := the sum of the leaves below it (none while a leaf has none); its year, the oldest. */
export async function recomputeParents(tx: Tx, jurisdictionId: string) {
	await tx.$executeRaw`
		with recursive tree(root, id) as (
			select a.id, a.id from admin_areas a where a.jurisdiction_id = ${jurisdictionId}::uuid
			union all
			select t.root, c.id from tree t join admin_areas c on c.parent_id = t.id
		), leaf as (
			select a.id, a.child_population, a.population_year from admin_areas a
			where a.jurisdiction_id = ${jurisdictionId}::uuid and not exists (select 1 from admin_areas c where c.parent_id = a.id)
		), sums as (
			select t.root, sum(l.child_population) as total, min(l.population_year) as year,
				bool_and(l.child_population is not null and l.population_year is not null) as complete
			from tree t join leaf l on l.id = t.id group by t.root
		)
		update admin_areas a set child_population = case when s.complete then s.total::int end, population_year = case when s.complete then s.year end
		from sums s where a.id = s.root and exists (select 1 from admin_areas c where c.parent_id = a.id)`;
}
