// The workforce import (jurisdiction administrators): worker records with their HRIS fields, matched by the
// identity key (jurisdiction + national worker id, or a licence number). Only the columns in the file change a
// record (rows.ts); the preview shows each change as old → new; the runner (imports/run.ts) commits all or nothing.
import { Prisma } from '../generated/prisma/client';
import type { Tx } from '../db';
import { administers } from '../auth/scope';
import { getContent } from '../content';
import { registerImport } from '../imports/run';
import type { FieldChange, ImportInput, ImportKind, PlanOut, PreviewRow } from '../imports/types';
import { FirstLines } from '../imports/first-lines';
import { readCsvChunks } from '../imports/csv-read';
import type { RowProblem } from '$lib/import-problems';
import { dayOf, today } from '$lib/calendar-day';
import {
	checkMerged,
	workforceChecker,
	MAX_ROWS,
	WORKER_FIELDS,
	WORKFORCE_COLUMNS,
	type FieldValue,
	type WorkerField,
	type WorkerRow
} from './rows';

export const KIND = 'workforce';
const BATCH = 2000;
/** Rows read, checked and compared at a time. */
const CHUNK = 1000;

type Fields = Partial<Record<WorkerField, FieldValue>>;
export interface WorkerOp {
	id: string;
	isNew: boolean;
	line: number;
	nwid: string;
	licence: string | null;
	/** the fields to write (a new worker: every field it has) */
	set: Fields;
}

type Current = {
	id: string;
	given_name: string;
	family_name: string;
	email: string | null;
	sex: string | null;
	cadre: string | null;
	sector: string | null;
	paid: boolean | null;
	education_level: string | null;
	employment_start: Date | null;
	employment_end: Date | null;
	cp_from: Date | null;
	cp_to: Date | null;
	area_code: string | null;
	organisation_code: string | null;
	primary_track: string | null;
};

function fieldsOf(c: Current): Fields {
	const day = (d: Date | null) => (d ? dayOf(d) : null);
	return {
		given_name: c.given_name,
		family_name: c.family_name,
		email: c.email,
		sex: c.sex,
		cadre: c.cadre,
		sector: c.sector,
		paid: c.paid,
		education_level: c.education_level,
		employment_start: day(c.employment_start),
		employment_end: day(c.employment_end),
		cp_from: day(c.cp_from),
		cp_to: day(c.cp_to),
		area_code: c.area_code,
		organisation_code: c.organisation_code,
		primary_track: c.primary_track
	};
}

const shown = (v: FieldValue | undefined) =>
	v === undefined || v === null ? null : v === true ? 'yes' : v === false ? 'no' : v;

/** Reads the file in chunks: each chunk is checked, compared with the records it names and reported (and, while
 *  committing, written before the next chunk is read), so memory does not grow with the file. */
async function plan(tx: Tx, j: string, input: ImportInput, out: PlanOut<WorkerOp>) {
	const [jur, areas, orgs] = await Promise.all([
		tx.jurisdiction.findUniqueOrThrow({ where: { id: j }, select: { timeZone: true } }),
		tx.adminArea.findMany({ where: { jurisdictionId: j }, select: { code: true } }),
		tx.organisation.findMany({ where: { jurisdictionId: j }, select: { code: true } })
	]);
	const refs = {
		areas: new Set(areas.map((a) => a.code)),
		organisations: new Set(orgs.map((o) => o.code)),
		tracks: getContent().framework.tracks.map((t) => t.id),
		today: today(jur.timeZone)
	};
	let check: ReturnType<typeof workforceChecker> | undefined;
	/** the line of the file that named each existing worker first (two rows may not update one worker) */
	const firstLine = new FirstLines();
	const chunks = readCsvChunks(input.pieces(), WORKFORCE_COLUMNS, MAX_ROWS, CHUNK, (p) => out.problem(p));
	for await (const { records, header } of chunks) {
		check ??= workforceChecker(refs, header);
		const problems: RowProblem[] = [];
		const rows = check(records, problems);
		// once the file is refused, the rest is only checked (every row's problems are reported)
		if (!problems.length && !out.refused) await planChunk(tx, j, rows, firstLine, problems, out);
		problems.sort((a, b) => a.line - b.line).forEach((p) => out.problem(p));
		await out.flush();
	}
}

/** One chunk's rows against the records: which worker each updates, what changes; reported to `out` (or problems). */
async function planChunk(
	tx: Tx,
	j: string,
	rows: WorkerRow[],
	firstLine: FirstLines,
	problems: RowProblem[],
	out: PlanOut<WorkerOp>
) {
	const resolved = await resolveIdentities(tx, j, rows, firstLine);
	if (resolved.problems.length) return void problems.push(...resolved.problems);
	const targets = [...new Set(resolved.targets.values())];
	const current = new Map(
		(targets.length
			? await tx.$queryRaw<Current[]>`
			select w.id, w.given_name, w.family_name, w.email, w.sex::text as sex, w.cadre::text as cadre, w.sector::text as sector, w.paid,
				w.education_level::text as education_level, w.employment_start, w.employment_end, w.cp_from, w.cp_to,
				a.code as area_code, o.code as organisation_code, w.primary_track
			from worker_profiles w left join admin_areas a on a.id = w.area_id left join organisations o on o.id = w.organisation_id
			where w.jurisdiction_id = ${j}::uuid and w.id = any(${targets}::uuid[])`
			: []
		).map((c) => [c.id, fieldsOf(c)])
	);
	const previewRows: PreviewRow[] = [];
	const ops: WorkerOp[] = [];
	const [licensed, ids] = [resolved.licensed, resolved.identifiers];
	for (const r of rows) {
		const target = resolved.targets.get(r.line);
		const before = target ? current.get(target) : undefined;
		problems.push(...checkMerged(r.line, { ...before, ...r.set }, !before));
		const changes: FieldChange[] = [];
		for (const f of WORKER_FIELDS)
			if (f in r.set && shown(r.set[f]) !== shown(before?.[f]))
				changes.push({ field: f, from: shown(before?.[f]), to: shown(r.set[f]) });
		// a national id or licence number the worker does not hold yet is a change too
		if (before && ids.get(`n:${r.nwid}`) !== target)
			changes.push({ field: 'national_worker_id', from: null, to: r.nwid });
		if (before && r.licence && !ids.has(`l:${r.licence}`))
			changes.push({ field: 'licence_number', from: null, to: r.licence });
		const linksLicence = !!r.licence && licensed.get(r.licence) === null;
		const label = [r.set.given_name ?? before?.given_name, r.set.family_name ?? before?.family_name]
			.filter(Boolean)
			.join(' ');
		const action = !before ? 'add' : changes.length || linksLicence ? 'change' : 'unchanged';
		previewRows.push({ line: r.line, key: r.nwid, label, action, ...(action === 'change' ? { changes } : {}) });
		if (action !== 'unchanged')
			ops.push({
				id: target ?? crypto.randomUUID(),
				isNew: !before,
				line: r.line,
				nwid: r.nwid,
				licence: r.licence,
				set: before ? changedFields(changes, r.set) : r.set
			});
	}
	if (problems.length) return;
	for (const r of previewRows) out.row(r);
	for (const o of ops) out.op(o);
}

/** The fields a row changes on an existing record (identifiers are added separately). */
function changedFields(changes: FieldChange[], set: Fields): Fields {
	const fields = new Set<string>(WORKER_FIELDS);
	return Object.fromEntries(
		changes.filter((c) => fields.has(c.field)).map((c) => [c.field, set[c.field as WorkerField] ?? null])
	);
}

type Existing = { kind: string; value: string; worker: string; nwid: string | null };

/** Which existing worker each row updates (by national worker id, else by licence number), or problems when the
 *  file and the records disagree about who is who. */
async function resolveIdentities(tx: Tx, j: string, rows: WorkerRow[], firstLine: FirstLines) {
	const nwids = rows.map((r) => r.nwid);
	const licences = rows.flatMap((r) => (r.licence ? [r.licence] : []));
	const [found, register] = await Promise.all([
		tx.$queryRaw<Existing[]>`
			select i.kind::text as kind, i.value, i.worker_profile_id as worker,
				(select n.value from worker_identifiers n where n.worker_profile_id = i.worker_profile_id and n.kind = 'NATIONAL_WORKER_ID' order by n.created_at limit 1) as nwid
			from worker_identifiers i
			where i.jurisdiction_id = ${j}::uuid and ((i.kind = 'NATIONAL_WORKER_ID' and i.value = any(${nwids}::text[])) or (i.kind = 'LICENCE_NUMBER' and i.value = any(${licences}::text[])))`,
		tx.$queryRaw<{ number: string; worker: string | null }[]>`
			select number, worker_profile_id as worker from licences where jurisdiction_id = ${j}::uuid and number = any(${licences}::text[])`
	]);
	const byNwid = new Map(found.filter((i) => i.kind === 'NATIONAL_WORKER_ID').map((i) => [i.value, i]));
	const byLicence = new Map(found.filter((i) => i.kind === 'LICENCE_NUMBER').map((i) => [i.value, i]));
	const licensed = new Map(register.map((l) => [l.number, l.worker]));
	const problems: RowProblem[] = [];
	const targets = new Map<number, string>();
	for (const r of rows) {
		const n = byNwid.get(r.nwid);
		const l = r.licence ? byLicence.get(r.licence) : undefined;
		if (n && l && l.worker !== n.worker)
			problems.push({ line: r.line, column: 'licence_number', code: 'licence_taken', params: { value: l.nwid ?? '' } });
		else if (!n && l?.nwid)
			problems.push({ line: r.line, column: 'national_worker_id', code: 'nwid_conflict', params: { value: l.nwid } });
		const target = n?.worker ?? l?.worker ?? null;
		const first = target ? firstLine.claim(target, r.line) : undefined;
		if (first)
			problems.push({ line: r.line, column: 'national_worker_id', code: 'same_worker', params: { line: first } });
		const holder = r.licence ? licensed.get(r.licence) : undefined;
		if (holder && holder !== target)
			problems.push({
				line: r.line,
				column: 'licence_number',
				code: 'register_licence',
				params: { value: r.licence! }
			});
		if (target) targets.set(r.line, target);
	}
	const identifiers = new Map(
		found.map((i) => [`${i.kind === 'NATIONAL_WORKER_ID' ? 'n' : 'l'}:${i.value}`, i.worker])
	);
	return { problems, targets, licensed, identifiers };
}

/** Each field's column, and how its text becomes the column's type: a cast, or the id of the code in `codeOf`. */
const COLUMN: Record<WorkerField, { sql: string; cast?: string; codeOf?: 'admin_areas' | 'organisations' }> = {
	given_name: { sql: 'given_name', cast: 'text' },
	family_name: { sql: 'family_name', cast: 'text' },
	email: { sql: 'email', cast: 'text' },
	sex: { sql: 'sex', cast: '"Sex"' },
	cadre: { sql: 'cadre', cast: '"Cadre"' },
	sector: { sql: 'sector', cast: '"Sector"' },
	paid: { sql: 'paid', cast: 'boolean' },
	education_level: { sql: 'education_level', cast: '"EducationLevel"' },
	employment_start: { sql: 'employment_start', cast: 'date' },
	employment_end: { sql: 'employment_end', cast: 'date' },
	cp_from: { sql: 'cp_from', cast: 'date' },
	cp_to: { sql: 'cp_to', cast: 'date' },
	// codes: the database finds the id (the plan checked that each code exists)
	area_code: { sql: 'area_id', codeOf: 'admin_areas' },
	organisation_code: { sql: 'organisation_id', codeOf: 'organisations' },
	primary_track: { sql: 'primary_track', cast: 'text' }
};

/** One batch: new records inserted, existing ones updated in the fields their rows set (and only those),
 *  identifiers added, unlinked licences of the register linked to their holder. */
async function writeBatch(tx: Tx, j: string, batch: WorkerOp[]) {
	// every value as text, cast in SQL
	const value = (v: FieldValue | undefined): string | null => (v === undefined || v === null ? null : String(v));
	const ids = batch.map((o) => o.id);
	const arrays = WORKER_FIELDS.map((f) => Prisma.sql`${batch.map((o) => value(o.set[f]))}::text[]`);
	const flags = WORKER_FIELDS.map((f) => Prisma.sql`${batch.map((o) => f in o.set)}::boolean[]`);
	const names = WORKER_FIELDS.map((_, i) => `v${i}`).concat(WORKER_FIELDS.map((_, i) => `s${i}`));
	const source = Prisma.sql`unnest(${ids}::uuid[], ${batch.map((o) => o.isNew)}::boolean[], ${Prisma.join([...arrays, ...flags])})
		as u(id, is_new, ${Prisma.raw(names.join(', '))})`;
	const cast = (i: number) => {
		const { cast, codeOf } = COLUMN[WORKER_FIELDS[i]];
		return codeOf
			? Prisma.sql`(select r.id from ${Prisma.raw(codeOf)} r where r.jurisdiction_id = ${j}::uuid and r.code = ${Prisma.raw(`u.v${i}`)})`
			: Prisma.raw(`u.v${i}::${cast}`);
	};
	if (batch.some((o) => o.isNew))
		await tx.$executeRaw`
		insert into worker_profiles (id, jurisdiction_id, ${Prisma.raw(WORKER_FIELDS.map((f) => COLUMN[f].sql).join(', '))}, updated_at)
		select u.id, ${j}::uuid, ${Prisma.join(WORKER_FIELDS.map((_, i) => cast(i)))}, now() from ${source} where u.is_new`;
	if (batch.some((o) => !o.isNew))
		await tx.$executeRaw`
		update worker_profiles w set ${Prisma.join(
			WORKER_FIELDS.map(
				(f, i) =>
					Prisma.sql`${Prisma.raw(COLUMN[f].sql)} = case when u.${Prisma.raw(`s${i}`)} then ${cast(i)} else w.${Prisma.raw(COLUMN[f].sql)} end`
			)
		)}, updated_at = now()
		from ${source} where not u.is_new and w.id = u.id and w.jurisdiction_id = ${j}::uuid`;
	const idents = batch.flatMap((o) => [
		{ id: o.id, kind: 'NATIONAL_WORKER_ID', value: o.nwid },
		...(o.licence ? [{ id: o.id, kind: 'LICENCE_NUMBER', value: o.licence }] : [])
	]);
	await tx.$executeRaw`
		insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value)
		select gen_random_uuid(), u.worker, ${j}::uuid, u.kind::"IdentifierKind", u.value
		from unnest(${idents.map((x) => x.id)}::uuid[], ${idents.map((x) => x.kind)}::text[], ${idents.map((x) => x.value)}::text[]) as u(worker, kind, value)
		on conflict (jurisdiction_id, kind, value) do nothing`;
	const held = batch.filter((o) => o.licence);
	if (held.length)
		await tx.$executeRaw`
			update licences l set worker_profile_id = u.worker, version = l.version + 1
			from unnest(${held.map((o) => o.licence!)}::text[], ${held.map((o) => o.id)}::uuid[]) as u(number, worker)
			where l.jurisdiction_id = ${j}::uuid and l.number = u.number and l.worker_profile_id is null`;
}

export const workforceImport: ImportKind<WorkerOp> = {
	kind: KIND,
	allowed: (user, jurisdictionId) => administers(user, jurisdictionId),
	columns: WORKFORCE_COLUMNS,
	maxRows: MAX_ROWS,
	plan,
	async apply(tx, j, ops, { progress }) {
		for (let i = 0; i < ops.length; i += BATCH) {
			await writeBatch(tx, j, ops.slice(i, i + BATCH));
			await progress(i + BATCH);
		}
	}
};

registerImport(workforceImport);
