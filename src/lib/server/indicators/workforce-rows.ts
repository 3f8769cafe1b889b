// The workforce CSV, row by row: what each column may hold (DOMAIN-FACTS §6.5 HRIS fields, employment dates and the
// identity key) and every problem found, by line and column. Pure: the caller passes the areas, organisations and
// tracks the codes may name.
import type { RowProblem } from '$lib/import-problems';
import { CADRES, EDUCATION_LEVELS, SECTORS, SEXES } from '$lib/workforce-labels';
import { readCsv } from './csv-read';
import type { CsvTable } from '../csv/writer';
import { isDay } from '$lib/calendar-day';

export const WORKFORCE_COLUMNS = [
	{ name: 'national_worker_id', required: true, example: 'DR-W-004211' },
	{ name: 'licence_number', example: 'SW-2021-0311' },
	{ name: 'given_name', required: true, example: 'Ama' },
	{ name: 'family_name', required: true, example: 'Mensah' },
	{ name: 'email', example: 'ama.mensah@example.org' },
	{ name: 'sex', values: SEXES, example: 'FEMALE' },
	{ name: 'cadre', values: CADRES, example: 'PROF_SW' },
	{ name: 'sector', values: SECTORS, example: 'GOVERNMENTAL' },
	{ name: 'paid', values: ['yes', 'no'], example: 'yes' },
	{ name: 'education_level', values: EDUCATION_LEVELS, example: 'BACHELOR' },
	{ name: 'child_protection_responsibility', required: true, values: ['yes', 'no'], example: 'yes' },
	{ name: 'employment_start', required: true, example: '2021-02-01' },
	{ name: 'employment_end', example: '' },
	{ name: 'area_code', example: 'NR-LK-HB' },
	{ name: 'organisation_slug', example: 'social-welfare-department' },
	{ name: 'primary_track', example: 'care-reform' }
] as const satisfies readonly { name: string; required?: boolean; values?: readonly string[]; example: string }[];

export const MAX_ROWS = 50_000;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export interface WorkerRow {
	line: number;
	nwid: string;
	licence: string | null;
	givenName: string;
	familyName: string;
	email: string | null;
	sex: string | null;
	cadre: string | null;
	sector: string | null;
	paid: boolean | null;
	education: string | null;
	childProtection: boolean;
	start: string;
	end: string | null;
	areaId: string | null;
	organisationId: string | null;
	track: string | null;
}

export interface Refs {
	areas: Map<string, string>; // code → id, this jurisdiction
	organisations: Map<string, string>; // slug → id, this jurisdiction
	tracks: string[];
}

export function checkWorkforceCsv(text: string, refs: Refs): { rows: WorkerRow[]; problems: RowProblem[] } {
	const { records, problems } = readCsv(text, [...WORKFORCE_COLUMNS], MAX_ROWS);
	const firstNwid = new Map<string, number>();
	const firstLicence = new Map<string, number>();
	const rows = records.map(({ line, cells }): WorkerRow => {
		const bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) =>
			problems.push({ line, column, code, ...(params ? { params } : {}) });
		const str = (c: string, max: number, required = false) => {
			const v = cells[c];
			if (!v) return required ? (bad(c, 'required'), '') : null;
			return v.length > max ? (bad(c, 'too_long', { max }), v) : v;
		};
		const oneOf = (c: string, values: readonly string[]) => {
			const v = cells[c].toUpperCase();
			if (v && !values.includes(v)) bad(c, 'choice', { choices: values.join(', ') });
			return v || null;
		};
		const yesNo = (c: string, required = false) => {
			const v = cells[c].toLowerCase();
			if (!v) return required ? (bad(c, 'required'), false) : null;
			if (!YES.has(v) && !NO.has(v)) bad(c, 'boolean');
			return YES.has(v);
		};
		const date = (c: string, required = false) => {
			const v = cells[c];
			if (!v) return required ? (bad(c, 'required'), '') : null;
			if (!isDay(v)) bad(c, 'date');
			return v;
		};
		const ref = (c: string, map: Map<string, string>, code: RowProblem['code']) => {
			const v = cells[c];
			if (!v) return null;
			if (!map.has(v)) bad(c, code, { value: v.slice(0, 64) });
			return map.get(v) ?? null;
		};
		const unique = (c: string, v: string | null, seen: Map<string, number>) => {
			if (!v) return;
			if (seen.has(v)) bad(c, 'duplicate', { line: seen.get(v)! });
			else seen.set(v, line);
		};
		const row: WorkerRow = {
			line,
			nwid: str('national_worker_id', 64, true) ?? '',
			licence: str('licence_number', 64),
			givenName: str('given_name', 100, true) ?? '',
			familyName: str('family_name', 100, true) ?? '',
			email: str('email', 254)?.toLowerCase() ?? null,
			sex: oneOf('sex', SEXES),
			cadre: oneOf('cadre', CADRES),
			sector: oneOf('sector', SECTORS),
			paid: yesNo('paid'),
			education: oneOf('education_level', EDUCATION_LEVELS),
			childProtection: yesNo('child_protection_responsibility', true) ?? false,
			start: date('employment_start', true) ?? '',
			end: date('employment_end'),
			areaId: ref('area_code', refs.areas, 'unknown_area'),
			organisationId: ref('organisation_slug', refs.organisations, 'unknown_organisation'),
			track: cells.primary_track || null
		};
		if (row.email && row.email.length <= 254 && !EMAIL.test(row.email)) bad('email', 'email');
		if (row.track && !refs.tracks.includes(row.track))
			bad('primary_track', 'choice', { choices: refs.tracks.join(', ') });
		if (row.end && isDay(row.end) && isDay(row.start) && row.end < row.start) bad('employment_end', 'date_order');
		unique('national_worker_id', row.nwid, firstNwid);
		unique('licence_number', row.licence, firstLicence);
		return row;
	});
	problems.sort((a, b) => a.line - b.line);
	return { rows, problems };
}

/** The header row alone, ready to fill in. */
export function templateCsv(): CsvTable {
	return { columns: WORKFORCE_COLUMNS.map((c) => c.name), rows: [] };
}
