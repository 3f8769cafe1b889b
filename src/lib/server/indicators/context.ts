// What the indicator pages need before computing anything, in one round trip: the jurisdictions this person may
// read, the chosen one, its area tree (with the country's level names) and the organisations supporting its programmes.
// Child population is per year: population-store.ts reads the year a report asks for.
import { db, replica } from '../db';
import type { SessionUser } from '../auth/session';
import { DomainError, Forbidden } from '../errors';
import { readableJurisdictions } from './access';
import { m } from '$lib/paraglide/messages';

export interface AreaRow {
	id: string;
	code: string;
	name: string;
	parentId: string | null;
	depth: number;
	leaf: boolean;
	/** the country's name for the area's level (area_levels), e.g. "District"; '' when none is recorded */
	level: string;
}

/**
 * Pages that give each area a row of boxes list them all up to this many; beyond (a national register has a thousand
 * areas) they show fewer and let one choose or find the rest (the DHIS2 mapping, the child population).
 */
export const AREAS_LISTED = 60;

export interface ReportContext {
	jurisdictions: { code: string; name: string }[];
	jurisdiction: { id: string; code: string; name: string; timeZone: string };
	/** depth first: each top-level area followed by the areas below it; siblings by name */
	areas: AreaRow[];
	/** the level names by depth (0 = the top) */
	levels: string[];
	/** the organisations of the register that support a programme of the jurisdiction, by name */
	partners: Partner[];
}

export interface Partner {
	id: string;
	code: string;
	name: string;
}

type Raw = {
	jurisdictions: { code: string; name: string }[];
	jurisdiction: ReportContext['jurisdiction'] | null;
	areas: Omit<AreaRow, 'depth' | 'leaf' | 'level'>[];
	levels: { depth: number; name: string }[];
	partners: Partner[];
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
			(select coalesce(json_agg(json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'parentId', a.parent_id)), '[]')
				from admin_areas a where a.jurisdiction_id = (select id from chosen)) as areas,
			(select coalesce(json_agg(json_build_object('depth', l.depth, 'name', l.name)), '[]')
				from area_levels l where l.jurisdiction_id = (select id from chosen)) as levels,
			(select coalesce(json_agg(json_build_object('id', o.id, 'code', o.code, 'name', o.name) order by o.name, o.code), '[]')
				from organisations o where o.jurisdiction_id = (select id from chosen) and exists (select 1 from programmes p
					where p.supporting_partner_id = o.id and p.jurisdiction_id = (select id from chosen))) as partners`;
	if (!raw.jurisdiction) throw new DomainError(m.not_found(), 404);
	const levels: string[] = [];
	for (const l of raw.levels) levels[l.depth] = l.name;
	return {
		jurisdictions: raw.jurisdictions,
		jurisdiction: raw.jurisdiction,
		areas: orderTree(raw.areas, levels),
		levels: Array.from(levels, (l) => l ?? ''),
		partners: raw.partners
	};
}

/** Depth-first order with each area's depth, its level's name and whether it is a leaf (an area without sub-areas). */
export function orderTree(areas: Omit<AreaRow, 'depth' | 'leaf' | 'level'>[], levels: string[] = []): AreaRow[] {
	type Raw = Omit<AreaRow, 'depth' | 'leaf' | 'level'>;
	const children = new Map<string | null, Raw[]>();
	for (const a of areas) {
		const list = children.get(a.parentId);
		if (list) list.push(a);
		else children.set(a.parentId, [a]);
	}
	const out: AreaRow[] = [];
	const seen = new Set<string>();
	const walk = (parent: string | null, depth: number) => {
		for (const a of (children.get(parent) ?? []).sort((x, y) => x.name.localeCompare(y.name))) {
			if (seen.has(a.id)) continue;
			seen.add(a.id);
			out.push({ ...a, depth, leaf: !children.has(a.id), level: levels[depth] ?? '' });
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

/** The id of the jurisdiction a page's URL names (`?jurisdiction=CODE`), by default the first this person may read
 *  (by name): what an upload on that page imports into. 404 when there is none they may read. */
export async function jurisdictionFor(user: SessionUser, code: string | null): Promise<string> {
	if (code?.includes('\u0000')) throw new DomainError(m.not_found(), 404);
	const ids = readableJurisdictions(user);
	const j = await db.jurisdiction.findFirst({
		where: { ...(ids ? { id: { in: ids } } : {}), ...(code ? { code: code.slice(0, 64) } : {}) },
		orderBy: { name: 'asc' },
		select: { id: true }
	});
	if (!j) throw new DomainError(m.not_found(), 404);
	return j.id;
}
