// The organisations CSV (code, name, type, area_code), read against a jurisdiction's organisations as they are: rows
// to add, to change (name, type, area: old → new), unchanged, and every problem by line and column. Pure: the caller
// passes the organisations and the area codes, and writes the operations this returns. A provider's accreditation is
// the regulator's decision: nothing here reads or sets it.
import type { RowProblem } from '$lib/import-problems';
import type { FieldChange, Plan, PreviewRow } from '../imports/types';
import type { OrganisationType } from '../generated/prisma/enums';
import { readCsv } from '../imports/csv-read';
import { CLEAR_MARKER } from '../workforce/rows';
import { CODE, CODE_MAX } from './area-rows';

/** The types as a file writes them (any case; the enum spelling, or spaces for underscores, also do). */
export const ORG_TYPES = [
	'ministry',
	'regulator',
	'university',
	'government_agency',
	'ngo',
	'training_provider'
] as const;

export const ORG_COLUMNS = [
	{ name: 'code', required: true, example: 'MGCSP' },
	{ name: 'name', required: true, example: 'Ministry of Gender, Children and Social Protection' },
	{ name: 'type', required: true, values: ORG_TYPES, example: 'ministry' },
	{ name: 'area_code', example: 'NR' }
] as const;

export const ORG_MAX_ROWS = 20_000;
export const ORG_NAME_MAX = 200;

export interface ExistingOrganisation {
	code: string;
	name: string;
	type: OrganisationType;
	areaCode: string | null;
}

export interface OrganisationOp {
	code: string;
	name: string;
	type: OrganisationType;
	areaCode: string | null;
	isNew: boolean;
}

/** A type as written in a file or a form, or null when it is none of ORG_TYPES. */
export function orgType(value: string): OrganisationType | null {
	const v = value
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return (ORG_TYPES as readonly string[]).includes(v) ? (v.toUpperCase() as OrganisationType) : null;
}

/** The type as a file writes it (and as the preview shows it). */
export const typeInFile = (type: OrganisationType) => type.toLowerCase();

export function planOrganisations(
	text: string,
	state: { organisations: ExistingOrganisation[]; areaCodes: Set<string> }
): Plan<OrganisationOp> {
	const { records, problems } = readCsv(text, [...ORG_COLUMNS], ORG_MAX_ROWS);
	const existing = new Map(state.organisations.map((o) => [o.code, o]));
	const firstLine = new Map<string, number>();
	const rows: PreviewRow[] = [];
	const ops: OrganisationOp[] = [];
	for (const { line, cells } of records) {
		const before = problems.length;
		const bad = (column: string, code: RowProblem['code'], params?: RowProblem['params']) =>
			problems.push({ line, column, code, ...(params ? { params } : {}) });
		const code = cells.code;
		if (!code) bad('code', 'required');
		else if (!CODE.test(code)) bad('code', 'code_format', { max: CODE_MAX });
		else if (firstLine.has(code)) bad('code', 'duplicate', { line: firstLine.get(code)! });
		else firstLine.set(code, line);
		if (!cells.name) bad('name', 'required');
		else if (cells.name.length > ORG_NAME_MAX) bad('name', 'too_long', { max: ORG_NAME_MAX });
		const type = orgType(cells.type);
		if (!cells.type) bad('type', 'required');
		else if (!type) bad('type', 'choice', { choices: ORG_TYPES.join(', ') });
		const old = existing.get(code);
		// an empty cell keeps the organisation's area (none for a new one); the marker removes it
		const area = cells.area_code;
		const areaCode = area === CLEAR_MARKER ? null : area || (old?.areaCode ?? null);
		if (area && area !== CLEAR_MARKER && !state.areaCodes.has(area))
			bad('area_code', 'unknown_area', { value: area.slice(0, 64) });
		if (problems.length > before) continue;
		const op: OrganisationOp = { code, name: cells.name, type: type!, areaCode, isNew: !old };
		const changes: FieldChange[] = [];
		if (old && old.name !== op.name) changes.push({ field: 'name', from: old.name, to: op.name });
		if (old && old.type !== op.type)
			changes.push({ field: 'type', from: typeInFile(old.type), to: typeInFile(op.type) });
		if (old && old.areaCode !== op.areaCode) changes.push({ field: 'area_code', from: old.areaCode, to: op.areaCode });
		const action = !old ? 'add' : changes.length ? 'change' : 'unchanged';
		rows.push({ line, key: code, label: op.name, action, ...(action === 'change' ? { changes } : {}) });
		if (action !== 'unchanged') ops.push(op);
	}
	problems.sort((a, b) => a.line - b.line);
	return { rows, problems, ops: problems.length ? [] : ops };
}

/**
 * A new organisation's URL name, unique across every jurisdiction: the jurisdiction's code and the organisation's,
 * lower-case letters, digits and dashes, with -2, -3, … when taken. Adds what it returns to `taken`.
 */
export function orgSlug(jurisdictionCode: string, orgCode: string, taken: Set<string>): string {
	const base =
		`${jurisdictionCode}-${orgCode}`
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '') || 'organisation';
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	taken.add(slug);
	return slug;
}
