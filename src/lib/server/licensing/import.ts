// The licence CSV import: every row is checked first and the report lists each problem by line and column; only a
// file without problems is written, in one transaction. Runs as a background job with visible progress.
import { parse } from 'csv-parse/sync';
import { db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { registerJob, enqueue } from '../jobs/queue';
import { finishJob, storeUpload, storedUpload } from '../imports/upload-store';
import { regulatorJurisdictions } from './licences';
import { addDays, addMonths, isDay, knownDay, toDate } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';
import { CADRES as WORKFORCE_CADRES } from '$lib/workforce-labels';

export const COLUMNS = [
	'number',
	'holder_name',
	'national_worker_id',
	'cadre',
	'status',
	'issued_on',
	'cycle_start',
	'cycle_end'
] as const;
const CADRES = new Set<string>(WORKFORCE_CADRES);
const STATUSES = new Set(['ACTIVE', 'LAPSED', 'SUSPENDED', 'REVOKED']);
/** A date cell of a row checkCsv passed (the row went through the job queue as text). */
const dateOf = (cell: string) => toDate(knownDay(cell));
export const MAX_ROWS = 50_000;

export interface RowProblem {
	line: number;
	column: string;
	message: string;
}

type Row = Record<(typeof COLUMNS)[number], string>;

/** Checks the whole file; returns the rows or every problem found (line 1 is the header). */
export function checkCsv(text: string, existing: Set<string>): { rows: Row[]; problems: RowProblem[] } {
	const problems: RowProblem[] = [];
	let records: string[][];
	try {
		records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
	} catch (e) {
		return {
			rows: [],
			problems: [
				{
					line: (e as { lines?: number }).lines ?? 1,
					column: '',
					message: `not a readable CSV file: ${(e as Error).message.split('\n')[0]}`
				}
			]
		};
	}
	const [header = [], ...body] = records;
	const missing = COLUMNS.filter((c) => !header.includes(c));
	if (missing.length)
		return {
			rows: [],
			problems: [{ line: 1, column: missing.join(', '), message: `missing column(s): ${missing.join(', ')}` }]
		};
	if (body.length > MAX_ROWS)
		return { rows: [], problems: [{ line: 1, column: '', message: `at most ${MAX_ROWS} rows per file` }] };
	const seen = new Map<string, number>();
	const rows = body.map((cells, i) => {
		const line = i + 2;
		const row = Object.fromEntries(COLUMNS.map((c) => [c, cells[header.indexOf(c)] ?? ''])) as Row;
		const bad = (column: string, message: string) => problems.push({ line, column, message });
		if (!row.number) bad('number', 'required');
		else if (row.number.length > 64) bad('number', 'at most 64 characters');
		else if (seen.has(row.number)) bad('number', `duplicate of line ${seen.get(row.number)}`);
		else if (existing.has(row.number)) bad('number', 'already in the register');
		seen.set(row.number, line);
		if (!row.holder_name) bad('holder_name', 'required');
		else if (row.holder_name.length > 200) bad('holder_name', 'at most 200 characters');
		if (row.national_worker_id.length > 64) bad('national_worker_id', 'at most 64 characters');
		if (row.cadre && !CADRES.has(row.cadre)) bad('cadre', `unknown cadre ${row.cadre}`);
		if (!STATUSES.has(row.status || 'ACTIVE')) bad('status', `must be one of ${[...STATUSES].join(', ')}`);
		for (const c of ['issued_on', 'cycle_start', 'cycle_end'] as const)
			if (!isDay(row[c])) bad(c, 'a date like 2026-01-31 is required');
		if (isDay(row.cycle_start) && isDay(row.cycle_end) && row.cycle_end < row.cycle_start)
			bad('cycle_end', 'before cycle_start');
		return row;
	});
	return { rows, problems };
}

const JOB = 'licence-import';

export async function startImport(user: SessionUser, file: Blob | string, once?: Once | null) {
	const jurisdictionId = regulatorJurisdictions(user)[0];
	if (!jurisdictionId) throw new DomainError(m.error_forbidden(), 403);
	// a binary file is not a CSV, and PostgreSQL text cannot hold its NUL bytes (found by fuzzing): storeUpload refuses it
	const job = await db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const created = await tx.importJob.create({
			data: { kind: JOB, jurisdictionId, status: 'queued', createdById: user.id }
		});
		await storeUpload((seq, text) => tx.importUploadPiece.create({ data: { jobId: created.id, seq, text } }), file);
		return created;
	});
	await enqueue(JOB, { jobId: job.id });
	return job.id;
}

async function progress(id: string, data: { status?: string; total?: number; processed?: number }) {
	await db.importJob.update({ where: { id }, data });
}

/** The job: check every row, then write all of them or none. */
export async function runImport(jobId: string) {
	try {
		await importRows(jobId);
	} catch (e) {
		console.error('licence import failed', e);
		await db.importJob.update({
			where: { id: jobId },
			data: {
				status: 'failed',
				report: [
					{ line: 0, column: '', message: 'the import stopped on an unexpected error; nothing was written' }
				] as never,
				finishedAt: new Date()
			}
		});
	}
}

async function importRows(jobId: string) {
	const job = await db.importJob.findUnique({ where: { id: jobId } });
	if (!job || job.status !== 'queued') return;
	await progress(job.id, { status: 'checking' });
	const existing = new Set(
		(await db.licence.findMany({ where: { jurisdictionId: job.jurisdictionId }, select: { number: true } })).map(
			(l) => l.number
		)
	);
	const { rows, problems } = checkCsv(await storedUpload(job.id).text(), existing);
	// each licence starts under the newest rule for its cadre, or the jurisdiction-wide one
	const rules = await db.renewalRule.findMany({
		where: { jurisdictionId: job.jurisdictionId },
		orderBy: { version: 'asc' }
	});
	const latest = new Map(rules.map((r) => [r.cadreKey, r]));
	const rule = latest.get('*');
	const ruleFor = (cadre: string) => latest.get(cadre) ?? rule!;
	if (!rule)
		problems.unshift({ line: 1, column: '', message: 'the jurisdiction has no renewal rule yet: set one first' });
	if (problems.length) {
		await finishJob(job.id, null, {
			status: 'failed',
			total: rows.length,
			report: problems.slice(0, 1000) as never,
			finishedAt: new Date()
		});
		return;
	}
	await progress(job.id, { status: 'importing', total: rows.length, processed: 0 });
	const workers = await db.workerIdentifier.findMany({
		where: {
			jurisdictionId: job.jurisdictionId,
			kind: 'NATIONAL_WORKER_ID',
			value: { in: rows.map((r) => r.national_worker_id).filter(Boolean) }
		},
		select: { value: true, workerProfileId: true }
	});
	const workerOf = new Map(workers.map((w) => [w.value, w.workerProfileId]));
	const BATCH = 1000;
	await db.$transaction(
		async (tx) => {
			for (let i = 0; i < rows.length; i += BATCH) {
				const batch = rows.slice(i, i + BATCH).map((r) => ({ r, id: crypto.randomUUID() }));
				await tx.licence.createMany({
					data: batch.map(({ r, id }) => ({
						id,
						jurisdictionId: job.jurisdictionId,
						number: r.number,
						holderName: r.holder_name,
						cadre: (r.cadre || null) as never,
						status: (r.status || 'ACTIVE') as never,
						issuedOn: dateOf(r.issued_on),
						workerProfileId: workerOf.get(r.national_worker_id) ?? null
					}))
				});
				await tx.licenceCycle.createMany({
					data: batch.map(({ r, id }) => ({
						licenceId: id,
						jurisdictionId: job.jurisdictionId,
						ruleId: ruleFor(r.cadre).id,
						startsOn: dateOf(r.cycle_start),
						endsOn: r.cycle_end
							? dateOf(r.cycle_end)
							: toDate(addDays(addMonths(knownDay(r.cycle_start), ruleFor(r.cadre).cycleMonths), -1)),
						first: r.cycle_start <= r.issued_on
					}))
				});
				await progress(job.id, { processed: Math.min(rows.length, i + BATCH) }); // a separate connection: visible at once
			}
			await audit(tx, {
				actorId: job.createdById,
				action: 'licence.imported',
				subjectType: 'import_job',
				subjectId: job.id,
				jurisdictionId: job.jurisdictionId,
				data: { rows: rows.length }
			});
		},
		{ timeout: 120_000 }
	);
	await finishJob(job.id, null, { status: 'done', processed: rows.length, finishedAt: new Date() });
}

registerJob(JOB, async (data) => runImport(String(data.jobId)));

export async function importJob(user: SessionUser, id: string) {
	if (!/^[0-9a-f-]{36}$/.test(id)) return null;
	return db.importJob.findFirst({
		where: { id, jurisdictionId: { in: regulatorJurisdictions(user) } },
		select: { id: true, status: true, total: true, processed: true, report: true, createdAt: true, finishedAt: true }
	});
}
