// What the indicator pages need before computing anything, in one round trip: the jurisdictions this person may
// read, the chosen one, its area tree (with child populations) and the supporting partners of its programmes.
import { db, replica } from '../db';
import type { SessionUser } from '../auth/session';
import { DomainError, Forbidden } from '../errors';
import { readableJurisdictions } from './access';
import { m } from '$lib/paraglide/messages';

export interface AreaRow {
	id: string;
	code: string;
	name: string;
	level: 'REGION' | 'DISTRICT' | 'WARD';
	parentId: string | null;
	childPopulation: number | null;
	populationYear: number | null;
	depth: number;
	leaf: boolean;
}

export interface ReportContext {
	jurisdictions: { code: string; name: string }[];
	jurisdiction: { id: string; code: string; name: string; timeZone: string };
	/** depth first: each region, then its districts, each followed by its wards; siblings by name */
	areas: AreaRow[];
	partners: string[];
}

type Raw = {
	jurisdictions: { code: string; name: string }[];
	jurisdiction: ReportContext['jurisdiction'] | null;
	areas: Omit<AreaRow, 'depth' | 'leaf'>[];
	partners: string[];
};

/** The chosen jurisdiction (by code; by default the first this person may read, by name). 403 when they may read
 *  none, 404 for an unknown code or one that is not theirs. */
export async function reportContext(user: SessionUser, code?: string | null): Promise<ReportContext> {
	const ids = readableJurisdictions(user);
	if (ids && !ids.length) throw new Forbidden(m.error_forbidden());
	const wanted = code ? code.slice(0, 64) : null;
	// no jurisdiction code holds a NUL, and PostgreSQL cannot even compare one: unknown (found by fuzzing)
	if (wanted?.includes('\u0000')) throw new DomainError(m.not_found(), 404);
	const [raw] = await replica.$queryRaw<Raw[]>`
		with js as (
			select id, code, name, time_zone from jurisdictions where ${ids === null} or id = any(${ids ?? []}::uuid[])
		), chosen as (
			select * from js where ${wanted}::text is null or code = ${wanted}::text order by name limit 1
		)
		select
			(select coalesce(json_agg(json_build_object('code', code, 'name', name) order by name), '[]') from js) as jurisdictions,
			(select json_build_object('id', id, 'code', code, 'name', name, 'timeZone', time_zone) from chosen) as jurisdiction,
			(select coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level, 'parentId', a.parent_id,
				'childPopulation', a.child_population, 'populationYear', a.population_year)), '[]')
				from admin_areas a where a.jurisdiction_id = (select id from chosen)) as areas,
			(select coalesce(json_agg(distinct p.supporting_partner), '[]') from programmes p
				where p.jurisdiction_id = (select id from chosen) and coalesce(p.supporting_partner, '') <> '') as partners`;
	if (!raw.jurisdiction) throw new DomainError(m.not_found(), 404);
	return {
		jurisdictions: raw.jurisdictions,
		jurisdiction: raw.jurisdiction,
		areas: orderTree(raw.areas),
		partners: [...raw.partners].sort()
	};
}

/** Depth-first order with each area's depth and whether it is a leaf (an area without sub-areas). */
export function orderTree(areas: Omit<AreaRow, 'depth' | 'leaf'>[]): AreaRow[] {
	const children = new Map<string | null, Omit<AreaRow, 'depth' | 'leaf'>[]>();
	for (const a of areas) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
	const out: AreaRow[] = [];
	const walk = (parent: string | null, depth: number) => {
		for (const a of (children.get(parent) ?? []).sort((x, y) => x.name.localeCompare(y.name))) {
			out.push({ ...a, depth, leaf: !children.has(a.id) });
			walk(a.id, depth + 1);
		}
	};
	walk(null, 0);
	return out;
}

/** A jurisdiction named in a posted form (by code): null when none is named, 404 when the code is unknown. */
export async function postedJurisdiction(
	code: FormDataEntryValue | null
): Promise<{ id: string; code: string } | null> {
	if (typeof code !== 'string' || !code.trim()) return null;
	if (code.includes('\u0000')) throw new DomainError(m.not_found(), 404); // PostgreSQL cannot compare a NUL (found by fuzzing)
	const j = await db.jurisdiction.findUnique({
		where: { code: code.trim().slice(0, 64) },
		select: { id: true, code: true }
	});
	if (!j) throw new DomainError(m.not_found(), 404);
	return j;
}

/** The jurisdiction a form was posted for: a 400 when the form names none, a 404 when it names an unknown one. */
export async function requiredJurisdiction(code: FormDataEntryValue | null) {
	const j = await postedJurisdiction(code);
	if (!j) throw new DomainError(m.ind_jurisdiction_missing(), 400);
	return j;
}
