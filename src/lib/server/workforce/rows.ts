// The workforce CSV, row by row (DOMAIN-FACTS §6.5 HRIS fields, dated employment and child-protection
// responsibility, the identity key). Pure: the caller passes the codes the file may name.
//
// Only the columns in the file change anything, and an empty cell changes nothing: a file of five columns updates
// five fields. To empty a field on purpose, write the marker CLEAR_MARKER in its cell. A row that creates a worker
// needs the given and family names and the employment start.
import type { RowProblem } from '$lib/import-problems';
import { CADRES, EDUCATION_LEVELS, SECTORS, SEXES } from '$lib/workforce-labels';
import { readCsv, type CsvRecord } from '../imports/csv-read';
import { isDay, type CalendarDay } from '$lib/calendar-day';
import type { ImportColumn } from '../imports/types';
import { FirstLines } from '../imports/first-lines';

/** Written in a cell, empties that field of the worker (an empty cell leaves it as it is). */
export const CLEAR_MARKER = '[clear]';

/** Each field a row may set: its column, and what it holds once read. */
export const WORKER_FIELDS = [
	'given_name',
	'family_name',
	'email',
	'sex',
	'cadre',
	'sector',
	'paid',
	'education_level',
	'employment_start',
	'employment_end',
	'cp_from',
	'cp_to',
	'area_code',
	'organisation_code',
	'primary_track'
] as const;
export type WorkerField = (typeof WORKER_FIELDS)[number];
/** A field's value: text (codes as written, dates as YYYY-MM-DD), a yes/no, or null (cleared). */
export type FieldValue = string | boolean | null;

/** Fields a worker must have: required for a new worker, and never cleared. */
export const REQUIRED_FIELDS: readonly WorkerField[] = ['given_name', 'family_name', 'employment_start'];

export const WORKFORCE_COLUMNS: readonly ImportColumn[] = [
	{ name: 'national_worker_id', required: true, example: 'DR-W-004211' },
	{ name: 'licence_number', example: 'SW-2021-0311' },
	{ name: 'given_name', example: 'Ama' },
	{ name: 'family_name', example: 'Mensah' },
	{ name: 'email', example: 'ama.mensah@example.org' },
	{ name: 'sex', values: SEXES, example: 'FEMALE' },
	{ name: 'cadre', values: CADRES, example: 'PROF_SW' },
	{ name: 'sector', values: SECTORS, example: 'GOVERNMENTAL' },
	{ name: 'paid', values: ['yes', 'no'], example: 'yes' },
	{ name: 'education_level', values: EDUCATION_LEVELS, example: 'BACHELOR' },
	{ name: 'employment_start', example: '2021-02-01' },
	{ name: 'employment_end', example: '' },
	{ name: 'cp_from', example: '2021-02-01' },
	{ name: 'cp_to', example: '' },
	{ name: 'area_code', example: 'NR-LK-HB' },
	{ name: 'organisation_code', example: 'social-welfare-department' },
	{ name: 'primary_track', example: 'care-reform' }
];

export const MAX_ROWS = 250_000;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

export interface WorkerRow {
	line: number;
	nwid: string;
	licence: string | null;
	/** only the fields the row sets: absent = leave as is; null = clear */
	set: Partial<Record<WorkerField, FieldValue>>;
}

export interface Refs {
	/** the area codes of the jurisdiction */
	areas: Set<string>;
	/** the organisation codes of the jurisdiction */
	organisations: Set<string>;
	tracks: string[];
	/** today in the jurisdiction: start dates may not be later */
	today: CalendarDay;
}

type Bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) => void;
type Reader = (v: string, bad: Bad) => FieldValue;

/**
 * The row checks of a workforce file whose header is `header`, for its records chunk by chunk (a national file is
 * read in chunks): each call answers the chunk's rows and adds its problems; duplicates are found across chunks.
 */
export function workforceChecker(refs: Refs, header: string[]) {
	const present = WORKER_FIELDS.filter((f) => header.includes(f));
	const firstNwid = new FirstLines();
	const firstLicence = new FirstLines();
	const oneOf =
		(c: WorkerField, values: readonly string[]): Reader =>
		(v, bad) => {
			const u = v.toUpperCase();
			if (!values.includes(u)) bad(c, 'choice', { choices: values.join(', ') });
			return u;
		};
	const date =
		(c: WorkerField, notFuture: boolean): Reader =>
		(v, bad) => {
			if (!isDay(v)) bad(c, 'date');
			else if (notFuture && v > refs.today) bad(c, 'future_date', { value: v });
			return v;
		};
	const known =
		(c: WorkerField, codes: Set<string>, code: RowProblem['code']): Reader =>
		(v, bad) => {
			if (!codes.has(v)) bad(c, code, { value: v.slice(0, 64) });
			return v;
		};
	const name =
		(c: WorkerField): Reader =>
		(v, bad) => {
			if (v.length > 100) bad(c, 'too_long', { max: 100 });
			return v;
		};
	const read: Record<WorkerField, Reader> = {
		given_name: name('given_name'),
		family_name: name('family_name'),
		email: (v, bad) => {
			const e = v.toLowerCase();
			if (e.length > 254) bad('email', 'too_long', { max: 254 });
			else if (!EMAIL.test(e)) bad('email', 'email');
			return e;
		},
		sex: oneOf('sex', SEXES),
		cadre: oneOf('cadre', CADRES),
		sector: oneOf('sector', SECTORS),
		paid: (v, bad) => {
			const l = v.toLowerCase();
			if (!YES.has(l) && !NO.has(l)) bad('paid', 'boolean');
			return YES.has(l);
		},
		education_level: oneOf('education_level', EDUCATION_LEVELS),
		employment_start: date('employment_start', true),
		employment_end: date('employment_end', false),
		cp_from: date('cp_from', true),
		cp_to: date('cp_to', false),
		area_code: known('area_code', refs.areas, 'unknown_area'),
		organisation_code: known('organisation_code', refs.organisations, 'unknown_organisation'),
		primary_track: (v, bad) => {
			if (!refs.tracks.includes(v)) bad('primary_track', 'choice', { choices: refs.tracks.join(', ') });
			return v;
		}
	};
	return (records: CsvRecord[], problems: RowProblem[]): WorkerRow[] =>
		records.map(({ line, cells }): WorkerRow => {
			const bad: Bad = (column, code, params) => problems.push({ line, column, code, ...(params ? { params } : {}) });
			const set: WorkerRow['set'] = {};
			const nwid = cells.national_worker_id;
			if (!nwid) bad('national_worker_id', 'required');
			else if (nwid.length > 64) bad('national_worker_id', 'too_long', { max: 64 });
			const licence = cells.licence_number || null;
			if (licence?.toLowerCase() === CLEAR_MARKER) bad('licence_number', 'not_clearable');
			else if (licence && licence.length > 64) bad('licence_number', 'too_long', { max: 64 });
			// only the file's columns, and an empty cell leaves the field alone; the marker clears it
			for (const c of present) {
				const v = cells[c];
				if (!v) continue;
				if (v.toLowerCase() === CLEAR_MARKER) {
					if (REQUIRED_FIELDS.includes(c)) bad(c, 'not_clearable');
					else set[c] = null;
				} else set[c] = read[c](v, bad);
			}
			const [nwidFirst, licenceFirst] = [
				nwid && firstNwid.claim(nwid, line),
				licence && firstLicence.claim(licence, line)
			];
			if (nwidFirst) bad('national_worker_id', 'duplicate', { line: nwidFirst });
			if (licenceFirst) bad('licence_number', 'duplicate', { line: licenceFirst });
			return { line, nwid, licence, set };
		});
}

/** A whole (small) workforce file checked row by row (tests; the import reads in chunks: import.ts). */
export function checkWorkforceCsv(text: string, refs: Refs): { rows: WorkerRow[]; problems: RowProblem[] } {
	const { records, problems, header } = readCsv(text, [...WORKFORCE_COLUMNS], MAX_ROWS);
	const rows = workforceChecker(refs, header)(records, problems);
	problems.sort((a, b) => a.line - b.line);
	return { rows, problems };
}

/** The worker as a row of the file would leave it: the record's fields with the row's over them. */
export function merged(
	current: Partial<Record<WorkerField, FieldValue>>,
	set: WorkerRow['set']
): Partial<Record<WorkerField, FieldValue>> {
	return { ...current, ...set };
}

/**
 * Problems of the worker as the row leaves it (a field the file does not give keeps the record's value): a new worker
 * needs names and an employment start; an end before its start.
 */
export function checkMerged(
	line: number,
	after: Partial<Record<WorkerField, FieldValue>>,
	isNew: boolean
): RowProblem[] {
	const problems: RowProblem[] = [];
	if (isNew)
		for (const f of REQUIRED_FIELDS)
			if (after[f] === undefined || after[f] === null) problems.push({ line, column: f, code: 'required' });
	const order = (from: WorkerField, to: WorkerField) => {
		const [a, b] = [after[from], after[to]];
		if (typeof a === 'string' && typeof b === 'string' && isDay(a) && isDay(b) && b < a)
			problems.push({ line, column: to, code: 'date_order' });
	};
	order('employment_start', 'employment_end');
	order('cp_from', 'cp_to');
	return problems;
}
