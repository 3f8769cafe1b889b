// The child population entries in the database: read for a year (reports, the page), changed on the page. The rule
// that turns entries into figures is population.ts; the CSV import is population-import.ts.
import { z } from 'zod';
import { db, replica } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../errors';
import { assertPopulationEditor } from './access';
import { AREAS_LISTED, type ReportContext } from './context';
import { deepestShown } from '../setup/area-view';
import { MAX_YEAR, MIN_YEAR } from './filters';
import { MAX_POPULATION, MAX_SOURCE, parsePopulation, parseYear, yearFigures, type Figure } from './population';
import { text } from '../forms/fields';
import { m } from '$lib/paraglide/messages';

/** One advisory lock for every change of a jurisdiction's figures: the page and the import (imports/run.ts). */
export const populationLock = (jurisdictionId: string) => `import:population:${jurisdictionId}`;

/** The year's entries of a jurisdiction: area id → population (for the reports, from the replica). */
export async function yearEntries(jurisdictionId: string, year: number): Promise<Map<string, number>> {
	const rows = await replica.areaPopulation.findMany({
		where: { jurisdictionId, year },
		select: { areaId: true, population: true }
	});
	return new Map(rows.map((r) => [r.areaId, r.population]));
}

export interface PopulationRow {
	id: string;
	code: string;
	name: string;
	level: string;
	depth: number;
	/** how many areas lie below it, when they are not shown with it (the page links to them); else null */
	hiddenBelow: number | null;
	/** the area's own entry for the year */
	entry: { population: number; source: string; enteredBy: string | null; enteredAt: Date } | null;
	figure: Figure;
}

/** The page: each area in tree order (the chosen area and those below it, or all) with its entry and its figure. */
export async function populationRows(
	ctx: ReportContext,
	year: number,
	areaId: string | null
): Promise<PopulationRow[]> {
	const entries = await db.areaPopulation.findMany({
		where: { jurisdictionId: ctx.jurisdiction.id, year },
		select: { areaId: true, population: true, source: true, enteredById: true, enteredAt: true }
	});
	const ids = [...new Set(entries.flatMap((e) => (e.enteredById ? [e.enteredById] : [])))];
	const users = ids.length
		? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
		: [];
	const names = new Map(users.map((u) => [u.id, u.name]));
	const own = new Map(entries.map((e) => [e.areaId, e]));
	const { figures } = yearFigures(ctx.areas, new Map(entries.map((e) => [e.areaId, e.population])));
	const start = areaId ? ctx.areas.findIndex((a) => a.id === areaId) : 0;
	const subtree = areaId ? ctx.areas.slice(start, subtreeEnd(ctx.areas, start)) : ctx.areas;
	const depth = deepestShown(subtree, AREAS_LISTED);
	return subtree.flatMap((a, i) => {
		if (a.depth > depth) return [];
		const e = own.get(a.id);
		const below = subtreeEnd(subtree, i) - i - 1;
		return {
			id: a.id,
			code: a.code,
			name: a.name,
			level: a.level,
			depth: a.depth,
			hiddenBelow: a.depth === depth && below ? below : null,
			entry: e
				? {
						population: e.population,
						source: e.source,
						enteredBy: e.enteredById ? (names.get(e.enteredById) ?? null) : null,
						enteredAt: e.enteredAt
					}
				: null,
			figure: figures.get(a.id)!
		};
	});
}

/** In depth-first order an area's subtree runs until the next area at its depth or above. */
function subtreeEnd(areas: ReportContext['areas'], start: number) {
	let end = start + 1;
	while (end < areas.length && areas[end].depth > areas[start].depth) end++;
	return end;
}

/** The edit form's fixed fields; each area's boxes are read by populationEntries. */
export const populationFormSchema = z.object({
	jurisdiction: text(64),
	year: z.string({ error: () => m.field_required() }).transform((s, ctx) => {
		const year = parseYear(s);
		if (year !== null) return year;
		ctx.addIssue({ code: 'custom', message: m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR }) });
		return z.NEVER;
	})
});

/** Reads the edit form: for each area shown, `pop-<area id>` and `src-<area id>`. */
export function populationEntries(form: FormData) {
	const entries = new Map<string, { population: string; source: string }>();
	for (const [key, value] of form.entries()) {
		const id = /^pop-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(key)?.[1];
		if (id && typeof value === 'string')
			entries.set(id, { population: value, source: String(form.get(`src-${id}`) ?? '') });
	}
	return entries;
}

type Change = { areaId: string; population: number; source: string } | { areaId: string; population: null };

/**
 * The page's form for one year: a figure with its source adds or changes the area's entry, both boxes empty remove
 * it, an unchanged row changes nothing. Any bad row: a message beside its box and nothing written. Answers the number
 * of areas changed.
 */
export async function savePopulations(
	user: SessionUser,
	jurisdictionId: string,
	year: number,
	entries: Map<string, { population: string; source: string }>
): Promise<number> {
	assertPopulationEditor(user, jurisdictionId);
	if (!entries.size) throw new DomainError(m.ind_population_nothing(), 400);
	const [areas, current] = await Promise.all([
		db.adminArea.findMany({
			where: { jurisdictionId, id: { in: [...entries.keys()] } },
			select: { id: true, code: true }
		}),
		db.areaPopulation.findMany({ where: { jurisdictionId, year, areaId: { in: [...entries.keys()] } } })
	]);
	if (areas.length !== entries.size) throw new DomainError(m.not_found(), 404);
	const before = new Map(current.map((c) => [c.areaId, c]));
	const errors: Record<string, string> = {};
	const changes: Change[] = [];
	for (const [areaId, typed] of entries) {
		const [p, s] = [typed.population.trim(), typed.source.trim()];
		const old = before.get(areaId);
		if (!p && !s) {
			if (old) changes.push({ areaId, population: null });
			continue;
		}
		const population = p ? parsePopulation(p) : null;
		if (population === null)
			errors[`pop-${areaId}`] = p
				? m.ind_population_invalid({ max: MAX_POPULATION.toLocaleString('en') })
				: m.field_required();
		if (!s) errors[`src-${areaId}`] = m.field_required();
		else if (s.length > MAX_SOURCE) errors[`src-${areaId}`] = m.field_too_long({ max: MAX_SOURCE });
		else if (s.includes('\u0000')) errors[`src-${areaId}`] = m.conflict_invalid_characters();
		if (population !== null && s && (old?.population !== population || old.source !== s))
			changes.push({ areaId, population, source: s });
	}
	if (Object.keys(errors).length) throw new DomainError(m.ind_population_fix(), 400, errors);
	if (!changes.length) return 0;
	const code = new Map(areas.map((a) => [a.id, a.code]));
	await db.$transaction(async (tx) => {
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${populationLock(jurisdictionId)}))`;
		for (const c of changes) {
			if (c.population === null) await tx.areaPopulation.deleteMany({ where: { areaId: c.areaId, year } });
			else
				await tx.areaPopulation.upsert({
					where: { areaId_year: { areaId: c.areaId, year } },
					create: {
						areaId: c.areaId,
						jurisdictionId,
						year,
						population: c.population,
						source: c.source,
						enteredById: user.id
					},
					update: { population: c.population, source: c.source, enteredById: user.id, enteredAt: new Date() }
				});
		}
		await audit(tx, {
			actorId: user.id,
			action: 'population.updated',
			subjectType: 'jurisdiction',
			subjectId: jurisdictionId,
			jurisdictionId,
			data: changes.map((c) => ({
				area: code.get(c.areaId),
				year,
				from: before.get(c.areaId)?.population ?? null,
				to: c.population,
				...(c.population !== null ? { source: c.source } : {})
			}))
		});
	});
	return changes.length;
}
