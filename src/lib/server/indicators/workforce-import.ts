// The workforce CSV import (admins): WorkerProfiles with their HRIS fields, upserted by the identity key
// (jurisdiction + national worker id, or the licence number). All or nothing: every row is checked first and the
// report lists each problem by line and column; identities are then resolved under a per-jurisdiction lock and only
// a file without any problem is written, in one transaction. Runs as a background job with visible progress.
import { Prisma } from '../generated/prisma/client';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { DomainError, FieldError, Forbidden } from '../errors';
import { registerJob, enqueue } from '../jobs/queue';
import { getContent } from '../content';
import { checkWorkforceCsv, type WorkerRow } from './workforce-rows';
import type { RowProblem } from '$lib/import-problems';
import { m } from '$lib/paraglide/messages';

export const JOB = 'workforce-import';
const BATCH = 1000;

export interface WorkforceReport {
	problems: RowProblem[];
	created: number;
	updated: number;
}

export async function startWorkforceImport(user: SessionUser, jurisdictionCode: string, text: string): Promise<string> {
	if (!isAdmin(user)) throw new Forbidden(m.error_forbidden());
	if (text.includes('\u0000')) throw new FieldError('file', m.ind_file_not_text()); // binary, and PostgreSQL text cannot hold it
	const j = jurisdictionCode.includes('\u0000')
		? null
		: await db.jurisdiction.findUnique({ where: { code: jurisdictionCode.slice(0, 64) }, select: { id: true } });
	if (!j) throw new FieldError('jurisdiction', m.field_choose());
	const job = await db.importJob.create({
		data: { kind: JOB, jurisdictionId: j.id, status: 'queued', input: text, createdById: user.id }
	});
	await enqueue(JOB, { jobId: job.id });
	return job.id;
}

const finish = (id: string, status: 'done' | 'failed', report: WorkforceReport, total?: number) =>
	db.importJob.update({
		where: { id },
		data: {
			status,
			report: report as unknown as Prisma.InputJsonValue,
			input: null,
			finishedAt: new Date(),
			...(total === undefined ? {} : { total })
		}
	});

export async function runWorkforceImport(jobId: string) {
	try {
		await importWorkers(jobId);
	} catch (e) {
		console.error('workforce import failed', e);
		await finish(jobId, 'failed', { problems: [{ line: 0, column: '', code: 'unexpected' }], created: 0, updated: 0 });
	}
}

async function importWorkers(jobId: string) {
	const job = await db.importJob.findUnique({ where: { id: jobId } });
	if (!job || job.kind !== JOB || job.status !== 'queued' || !job.input) return;
	const j = job.jurisdictionId;
	await db.importJob.update({ where: { id: job.id }, data: { status: 'checking' } });
	const [areas, orgs] = await Promise.all([
		db.adminArea.findMany({ where: { jurisdictionId: j }, select: { id: true, code: true } }),
		db.organisation.findMany({ where: { jurisdictionId: j }, select: { id: true, slug: true } })
	]);
	const refs = {
		areas: new Map(areas.map((a) => [a.code, a.id])),
		organisations: new Map(orgs.map((o) => [o.slug, o.id])),
		tracks: getContent().framework.tracks.map((t) => t.id)
	};
	const { rows, problems } = checkWorkforceCsv(job.input, refs);
	if (problems.length)
		return finish(job.id, 'failed', { problems: problems.slice(0, 1000), created: 0, updated: 0 }, rows.length);
	await db.importJob.update({ where: { id: job.id }, data: { status: 'importing', total: rows.length, processed: 0 } });
	const result = await db.$transaction(
		async (tx) => {
			// one import per jurisdiction at a time, so the identities resolved below stay true until commit
			await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`workforce-import:${j}`}))`;
			const resolved = await resolveIdentities(tx, j, rows);
			if (resolved.problems.length) return { problems: resolved.problems };
			for (let i = 0; i < rows.length; i += BATCH) {
				await writeBatch(
					tx,
					j,
					rows.slice(i, i + BATCH).map((r) => ({ r, id: resolved.targets.get(r.line) ?? null }))
				);
				await db.importJob.update({ where: { id: job.id }, data: { processed: Math.min(rows.length, i + BATCH) } }); // another connection: visible at once
			}
			const updated = resolved.targets.size;
			await audit(tx, {
				actorId: job.createdById,
				action: 'workforce.imported',
				subjectType: 'import_job',
				subjectId: job.id,
				jurisdictionId: j,
				data: { rows: rows.length, created: rows.length - updated, updated }
			});
			return { problems: [], created: rows.length - updated, updated };
		},
		{ timeout: 600_000, maxWait: 60_000 }
	);
	if (result.problems.length)
		return finish(job.id, 'failed', { problems: result.problems.slice(0, 1000), created: 0, updated: 0 });
	await db.importJob.update({ where: { id: job.id }, data: { processed: rows.length } });
	return finish(job.id, 'done', { problems: [], created: result.created ?? 0, updated: result.updated ?? 0 });
}

type Existing = { kind: string; value: string; worker: string; nwid: string | null };

/** Which existing worker each row updates (by national worker id, else by licence number), or problems when the
 *  file and the records disagree about who is who. */
async function resolveIdentities(tx: Tx, j: string, rows: WorkerRow[]) {
	const nwids = rows.map((r) => r.nwid);
	const licences = rows.flatMap((r) => (r.licence ? [r.licence] : []));
	const [ids, register] = await Promise.all([
		tx.$queryRaw<Existing[]>`
			select i.kind::text as kind, i.value, i.worker_profile_id as worker,
				(select n.value from worker_identifiers n where n.worker_profile_id = i.worker_profile_id and n.kind = 'NATIONAL_WORKER_ID' order by n.created_at limit 1) as nwid
			from worker_identifiers i
			where i.jurisdiction_id = ${j}::uuid and ((i.kind = 'NATIONAL_WORKER_ID' and i.value = any(${nwids}::text[])) or (i.kind = 'LICENCE_NUMBER' and i.value = any(${licences}::text[])))`,
		tx.$queryRaw<{ number: string; worker: string | null }[]>`
			select number, worker_profile_id as worker from licences where jurisdiction_id = ${j}::uuid and number = any(${licences}::text[])`
	]);
	const byNwid = new Map(ids.filter((i) => i.kind === 'NATIONAL_WORKER_ID').map((i) => [i.value, i]));
	const byLicence = new Map(ids.filter((i) => i.kind === 'LICENCE_NUMBER').map((i) => [i.value, i]));
	const inRegister = new Map(register.map((l) => [l.number, l.worker]));
	const problems: RowProblem[] = [];
	const targets = new Map<number, string>();
	const firstLine = new Map<string, number>();
	for (const r of rows) {
		const n = byNwid.get(r.nwid);
		const l = r.licence ? byLicence.get(r.licence) : undefined;
		if (n && l && l.worker !== n.worker)
			problems.push({ line: r.line, column: 'licence_number', code: 'licence_taken', params: { value: l.nwid ?? '' } });
		else if (!n && l?.nwid)
			problems.push({ line: r.line, column: 'national_worker_id', code: 'nwid_conflict', params: { value: l.nwid } });
		const target = n?.worker ?? l?.worker ?? null;
		if (target && firstLine.has(target))
			problems.push({
				line: r.line,
				column: 'national_worker_id',
				code: 'same_worker',
				params: { line: firstLine.get(target)! }
			});
		if (target) firstLine.set(target, r.line);
		const holder = r.licence ? inRegister.get(r.licence) : undefined;
		if (holder && holder !== target)
			problems.push({
				line: r.line,
				column: 'licence_number',
				code: 'register_licence',
				params: { value: r.licence! }
			});
		if (target) targets.set(r.line, target);
	}
	return { problems, targets };
}

/** One batch: new profiles inserted, existing ones updated (every column as the file gives it), identifiers added,
 *  unlinked licences of the register linked to their holder. */
async function writeBatch(tx: Tx, j: string, batch: { r: WorkerRow; id: string | null }[]) {
	const all = batch.map(({ r, id }) => ({ r, id: id ?? crypto.randomUUID(), isNew: !id }));
	for (const isNew of [true, false]) {
		const part = all.filter((x) => x.isNew === isNew);
		if (!part.length) continue;
		const col = <T>(f: (r: WorkerRow) => T) => part.map((x) => f(x.r));
		const ids = part.map((x) => x.id);
		const cols = Prisma.sql`unnest(${ids}::uuid[], ${col((r) => r.givenName)}::text[], ${col((r) => r.familyName)}::text[], ${col((r) => r.email)}::text[],
			${col((r) => r.sex)}::text[], ${col((r) => r.cadre)}::text[], ${col((r) => r.sector)}::text[], ${col((r) => r.paid)}::boolean[], ${col((r) => r.education)}::text[],
			${col((r) => r.childProtection)}::boolean[], ${col((r) => r.start)}::text[], ${col((r) => r.end)}::text[], ${col((r) => r.areaId)}::uuid[],
			${col((r) => r.organisationId)}::uuid[], ${col((r) => r.track)}::text[])
			as u(id, given, family, email, sex, cadre, sector, paid, edu, cp, start, stop, area, org, track)`;
		if (isNew) {
			await tx.$executeRaw`
				insert into worker_profiles (id, jurisdiction_id, given_name, family_name, email, sex, cadre, sector, paid, education_level,
					child_protection_responsibility, employment_start, employment_end, area_id, organisation_id, primary_track, updated_at)
				select u.id, ${j}::uuid, u.given, u.family, u.email, u.sex::"Sex", u.cadre::"Cadre", u.sector::"Sector", u.paid, u.edu::"EducationLevel",
					u.cp, u.start::date, u.stop::date, u.area, u.org, u.track, now()
				from ${cols}`;
		} else {
			await tx.$executeRaw`
				update worker_profiles w set given_name = u.given, family_name = u.family, email = u.email, sex = u.sex::"Sex", cadre = u.cadre::"Cadre",
					sector = u.sector::"Sector", paid = u.paid, education_level = u.edu::"EducationLevel", child_protection_responsibility = u.cp,
					employment_start = u.start::date, employment_end = u.stop::date, area_id = u.area, organisation_id = u.org, primary_track = u.track, updated_at = now()
				from ${cols} where w.id = u.id and w.jurisdiction_id = ${j}::uuid`;
		}
	}
	const idents = all.flatMap(({ r, id }) => [
		{ id, kind: 'NATIONAL_WORKER_ID', value: r.nwid },
		...(r.licence ? [{ id, kind: 'LICENCE_NUMBER', value: r.licence }] : [])
	]);
	await tx.$executeRaw`
		insert into worker_identifiers (id, worker_profile_id, jurisdiction_id, kind, value)
		select gen_random_uuid(), u.worker, ${j}::uuid, u.kind::"IdentifierKind", u.value
		from unnest(${idents.map((x) => x.id)}::uuid[], ${idents.map((x) => x.kind)}::text[], ${idents.map((x) => x.value)}::text[]) as u(worker, kind, value)
		on conflict (jurisdiction_id, kind, value) do nothing`;
	const held = all.filter(({ r }) => r.licence);
	if (held.length) {
		await tx.$executeRaw`
			update licences l set worker_profile_id = u.worker, version = l.version + 1
			from unnest(${held.map((x) => x.r.licence!)}::text[], ${held.map((x) => x.id)}::uuid[]) as u(number, worker)
			where l.jurisdiction_id = ${j}::uuid and l.number = u.number and l.worker_profile_id is null`;
	}
}

registerJob(JOB, async (data) => runWorkforceImport(String(data.jobId)));

/** A workforce import job with its progress and report (admins only). */
export async function workforceJob(user: SessionUser, id: string) {
	if (!isAdmin(user)) throw new Forbidden(m.error_forbidden());
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	const job = await db.importJob.findFirst({
		where: { id, kind: JOB },
		select: {
			id: true,
			status: true,
			total: true,
			processed: true,
			report: true,
			createdAt: true,
			finishedAt: true,
			jurisdictionId: true
		}
	});
	return job
		? { ...job, report: (job.report ?? { problems: [], created: 0, updated: 0 }) as unknown as WorkforceReport }
		: null;
}

const MAX_BYTES = 5 * 1024 * 1024;

/** The upload form: a jurisdiction and a CSV file of at most 5 MB, both refused together beside their fields. */
export function readWorkforceUpload(form: FormData): { jurisdiction: string; file: File } {
	const file = form.get('file');
	const jurisdiction = String(form.get('jurisdiction') ?? '');
	const errors: Record<string, string> = {};
	if (!jurisdiction) errors.jurisdiction = m.field_choose();
	if (!(file instanceof File) || !file.size) errors.file = m.import_file_required();
	else if (file.size > MAX_BYTES) errors.file = m.ind_file_big({ mb: 5 });
	if (Object.keys(errors).length || !(file instanceof File))
		throw new DomainError(Object.values(errors)[0], 400, errors);
	return { jurisdiction, file };
}

/** The upload page: the jurisdictions to choose from and the last imports. */
export async function workforceUploadPage() {
	const [jurisdictions, recent] = await Promise.all([
		db.jurisdiction.findMany({ select: { code: true, name: true }, orderBy: { name: 'asc' } }),
		db.importJob.findMany({
			where: { kind: JOB },
			orderBy: { createdAt: 'desc' },
			take: 5,
			select: { id: true, status: true, total: true, createdAt: true }
		})
	]);
	return { jurisdictions, recent };
}
