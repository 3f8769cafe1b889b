// The worker register: the workforce records of a jurisdiction, searched by name or identifier and filtered by area
// (with every area below it), cadre, sector and organisation, 50 to a page. Read by the jurisdiction's regulators and
// analysts, its administrators and global administrators; anyone else is refused (403), and a jurisdiction that is
// not theirs does not exist for them (404). Reads go to the replica when there is one.
import { Prisma } from '../generated/prisma/client';
import { replica } from '../db';
import type { SessionUser } from '../auth/session';
import { adminJurisdictions } from '../auth/scope';
import { readableJurisdictions } from '../indicators/access';
import { DomainError, Forbidden } from '../errors';
import { FOLD, PAGE_SIZE, type RegisterFilters } from './register-filters';
import { m } from '$lib/paraglide/messages';

/** null = every jurisdiction (global admins); otherwise the ids whose register this person may read. */
export function registerJurisdictions(user: SessionUser): string[] | null {
	const read = readableJurisdictions(user);
	const admin = adminJurisdictions(user);
	return read === null || admin === null ? null : [...new Set([...read, ...admin])];
}

/** The register's readers: the jurisdictions this person may read (null = all), or 403 when they may read none. */
export function registerReader(user: SessionUser): string[] | null {
	const ids = registerJurisdictions(user);
	if (ids && !ids.length) throw new Forbidden(m.error_forbidden());
	return ids;
}

export const inScope = (ids: string[] | null, jurisdictionId: string) => ids === null || ids.includes(jurisdictionId);

export interface RegisterContext {
	jurisdictions: { code: string; name: string }[];
	jurisdiction: { id: string; code: string; name: string };
	/** the area tree depth first, siblings by name */
	areas: { id: string; code: string; name: string; depth: number }[];
	organisations: { id: string; code: string; name: string }[];
}

/** The chosen jurisdiction (by code; by default the first by name this person may read) with the lists its filters
 *  choose from, in one round trip. 403 when they may read none, 404 for a code that is unknown or not theirs. */
export async function registerContext(user: SessionUser, code?: string | null): Promise<RegisterContext> {
	const ids = registerReader(user);
	const wanted = code ? code.slice(0, 64) : null;
	if (wanted?.includes('\u0000')) throw new DomainError(m.not_found(), 404); // PostgreSQL cannot compare a NUL
	const [raw] = await replica.$queryRaw<(Omit<RegisterContext, 'jurisdiction'> & { jurisdiction: null })[]>`
		with recursive js as (
			select id, code, name from jurisdictions where ${ids === null} or id = any(${ids ?? []}::uuid[])
		), chosen as (
			select * from js where ${wanted}::text is null or code = ${wanted}::text order by name, code limit 1
		), tree as (
			select id, code, name, depth, array[name, id::text] as path from admin_areas
				where jurisdiction_id = (select id from chosen) and parent_id is null
			union all
			select a.id, a.code, a.name, a.depth, tree.path || array[a.name, a.id::text] from admin_areas a join tree on a.parent_id = tree.id
		)
		select
			(select coalesce(json_agg(json_build_object('code', code, 'name', name) order by name), '[]') from js) as jurisdictions,
			(select json_build_object('id', id, 'code', code, 'name', name) from chosen) as jurisdiction,
			(select coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'depth', depth) order by path), '[]') from tree) as areas,
			(select coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name) order by name, code), '[]')
				from organisations where jurisdiction_id = (select id from chosen)) as organisations`;
	if (!raw.jurisdiction) throw new DomainError(m.not_found(), 404);
	return raw as unknown as RegisterContext;
}

/** A name folded like the search words (register-filters.ts foldName). translate() over the fold table costs tens of
 *  µs a row, so a name with no accent (all ASCII: as many characters as bytes) is taken as it is. */
const folded = (name: Prisma.Sql) =>
	Prisma.sql`lower(case when octet_length(${name}) = char_length(${name}) then ${name}
		else translate(${name}, ${FOLD.from}::text, ${FOLD.to}::text) end)`;

/** The workers of the jurisdiction the filters keep (a condition on `w`, a worker_profiles row). */
export function matching(jurisdictionId: string, f: RegisterFilters): Prisma.Sql {
	const j = Prisma.sql`${jurisdictionId}::uuid`;
	const byName = f.patterns.length
		? Prisma.sql`${folded(Prisma.sql`(w.given_name || ' ' || w.family_name)`)} ilike all (${f.patterns}::text[])`
		: Prisma.sql`false`;
	return Prisma.sql`w.jurisdiction_id = ${j}
		-- the chosen area and every area below it (union, not union all: a loop in the tree could not run forever)
		and (${f.areaId}::uuid is null or w.area_id = any(array(
			with recursive below(id) as (
				select ${f.areaId}::uuid union select a.id from admin_areas a join below on a.parent_id = below.id
			) select id from below)))
		and (${f.cadre}::text is null or w.cadre::text = ${f.cadre}::text)
		and (${f.sector}::text is null or w.sector::text = ${f.sector}::text)
		and (${f.organisationId}::uuid is null or w.organisation_id = ${f.organisationId}::uuid)
		and (${f.q}::text is null or ${byName}
			or w.id in (select wi.worker_profile_id from worker_identifiers wi where wi.jurisdiction_id = ${j}
				and wi.kind in ('NATIONAL_WORKER_ID', 'LICENCE_NUMBER') and wi.value = ${f.q}::text)
			or w.id in (select l.worker_profile_id from licences l where l.jurisdiction_id = ${j} and l.number = ${f.q}::text))`;
}

export interface RegisterRow {
	id: string;
	givenName: string;
	familyName: string;
	nationalIds: string | null;
	cadre: string | null;
	sector: string | null;
	organisation: string | null;
	area: string | null;
}

export interface RegisterPage {
	total: number;
	page: number;
	/** the position of the page's first row in the whole list (1-based) */
	first: number;
	pages: number;
	rows: RegisterRow[];
}

/** One page of the workers the filters keep, by family name then given name, with how many there are in all. */
export async function searchWorkers(
	user: SessionUser,
	jurisdictionId: string,
	filters: RegisterFilters,
	page: number
): Promise<RegisterPage> {
	if (!inScope(registerReader(user), jurisdictionId)) throw new DomainError(m.not_found(), 404);
	const [r] = await replica.$queryRaw<{ total: number; rows: RegisterRow[] }[]>`
		with matched as (
			select w.id, w.given_name, w.family_name, w.cadre, w.sector, w.organisation_id, w.area_id
			from worker_profiles w where ${matching(jurisdictionId, filters)}
		), shown as (
			select * from matched
			order by ${folded(Prisma.sql`family_name`)}, ${folded(Prisma.sql`given_name`)}, id
			limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}
		)
		select (select count(*)::int from matched) as total,
			(select coalesce(json_agg(json_build_object(
				'id', s.id, 'givenName', s.given_name, 'familyName', s.family_name,
				'nationalIds', (select string_agg(wi.value, '; ' order by wi.value) from worker_identifiers wi
					where wi.worker_profile_id = s.id and wi.kind = 'NATIONAL_WORKER_ID'),
				'cadre', s.cadre, 'sector', s.sector, 'organisation', o.name, 'area', a.name)
				order by ${folded(Prisma.sql`s.family_name`)}, ${folded(Prisma.sql`s.given_name`)}, s.id), '[]')
			from shown s left join organisations o on o.id = s.organisation_id left join admin_areas a on a.id = s.area_id) as rows`;
	return {
		total: r.total,
		page,
		first: (page - 1) * PAGE_SIZE + 1,
		pages: Math.max(1, Math.ceil(r.total / PAGE_SIZE)),
		rows: r.rows
	};
}
