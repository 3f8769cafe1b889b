// The register as CSV, with the same filters as the page: codes and names (areas and organisations by code, enum
// values as the workforce import writes them), never a database id. Read a page at a time in primary-key order as the
// client takes it (keysetPages), so memory stays flat whatever the jurisdiction's size.
import { dayOf } from '$lib/calendar-day';
import { keysetPages, type Cell, type CsvTable } from '../csv/writer';
import { Prisma } from '../generated/prisma/client';
import { replica } from '../db';
import type { SessionUser } from '../auth/session';
import { DomainError } from '../errors';
import { inScope, matching, registerReader } from './register';
import type { RegisterFilters } from './register-filters';
import { m } from '$lib/paraglide/messages';

export const REGISTER_COLUMNS = [
	'national_worker_id',
	'licence_numbers',
	'given_name',
	'family_name',
	'sex',
	'cadre',
	'sector',
	'paid',
	'education_level',
	'organisation_code',
	'organisation_name',
	'area_code',
	'area_name',
	'employment_start',
	'employment_end',
	'cp_from',
	'cp_to'
] as const;

export const REGISTER_PAGE = 2000;

type Row = { id: string; cells: Record<(typeof REGISTER_COLUMNS)[number], string | boolean | null> };

/** 403/404 are decided before anything is read: the rows are read only as the response is streamed. */
export function registerCsv(
	user: SessionUser,
	jurisdictionId: string,
	filters: RegisterFilters,
	take = REGISTER_PAGE
): CsvTable {
	if (!inScope(registerReader(user), jurisdictionId)) throw new DomainError(m.not_found(), 404);
	return { columns: REGISTER_COLUMNS, rows: rows(jurisdictionId, filters, take) };
}

async function* rows(jurisdictionId: string, filters: RegisterFilters, take: number): AsyncGenerator<Cell[]> {
	const pages = keysetPages(
		(after: Row | undefined, take) =>
			replica.$queryRaw<Row[]>`
				select w.id, json_build_object(
					'national_worker_id', (select string_agg(wi.value, '; ' order by wi.value) from worker_identifiers wi
						where wi.worker_profile_id = w.id and wi.kind = 'NATIONAL_WORKER_ID'),
					'licence_numbers', (select string_agg(n, '; ' order by n) from (
						select wi.value as n from worker_identifiers wi where wi.worker_profile_id = w.id and wi.kind = 'LICENCE_NUMBER'
						union select l.number from licences l where l.worker_profile_id = w.id) ns),
					'given_name', w.given_name, 'family_name', w.family_name, 'sex', w.sex, 'cadre', w.cadre,
					'sector', w.sector, 'paid', w.paid, 'education_level', w.education_level,
					'organisation_code', o.code, 'organisation_name', o.name, 'area_code', a.code, 'area_name', a.name,
					'employment_start', w.employment_start, 'employment_end', w.employment_end, 'cp_from', w.cp_from, 'cp_to', w.cp_to
				) as cells
				from worker_profiles w
				left join organisations o on o.id = w.organisation_id
				left join admin_areas a on a.id = w.area_id
				where ${matching(jurisdictionId, filters)} ${after ? Prisma.sql`and w.id > ${after.id}::uuid` : Prisma.empty}
				order by w.id limit ${take}`,
		take
	);
	for await (const page of pages) for (const r of page) yield REGISTER_COLUMNS.map((c) => cell(c, r.cells[c]));
}

const DATES = new Set<string>(['employment_start', 'employment_end', 'cp_from', 'cp_to']);

/** Days through calendar-day (JSON gives a date column as "YYYY-MM-DD"); yes/no as the workforce import reads them. */
function cell(column: string, v: string | boolean | null): Cell {
	if (v === null) return null;
	if (typeof v === 'boolean') return v ? 'yes' : 'no';
	return DATES.has(column) ? dayOf(v) : v;
}
