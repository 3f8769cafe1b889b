// The one way a CSV import runs, whatever it imports (areas, organisations, child population, workforce):
//   upload → job 'queued' → (background) the file is read and compared with the records → 'ready' with a preview
//   (rows to add, to change with old → new per field, unchanged, refused with the reason per row) or 'refused'
//   (any refused row: the file is refused whole) or 'unchanged' (nothing to do: re-running a file is a no-op)
//   → the person confirms → (background) 'importing': the file is planned again inside one transaction holding the
//   kind's per-jurisdiction lock; a plan that differs from the confirmed preview writes nothing ('failed',
//   changed_since_preview); otherwise everything is written, or nothing → 'done'.
// Or the person discards it ('discarded'). The uploaded file is kept (upload-store.ts) until the job ends.
import { createHash } from 'node:crypto';
import { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { DomainError, FieldError, Forbidden } from '../errors';
import { enqueue, registerJob } from '../jobs/queue';
import type { RowProblem } from '$lib/import-problems';
import type { ImportKind, Plan, PlanOut, PreviewRow } from './types';
import { createJobWithUpload, finishJob, storedUpload } from './upload-store';
import { m } from '$lib/paraglide/messages';

export const IMPORT_JOB = 'csv-import';
/** The largest file any import takes. */
export const MAX_IMPORT_BYTES = 40 * 1024 * 1024;
/** Rows of each action kept in the stored preview (the counts are always whole). */
const PREVIEW_ROWS = 500;
const PROBLEMS_KEPT = 1000;

export type ImportStatus =
	| 'queued'
	| 'checking'
	| 'ready'
	| 'refused'
	| 'unchanged'
	| 'confirmed'
	| 'importing'
	| 'done'
	| 'failed'
	| 'discarded';

export interface Preview {
	counts: { add: number; change: number; unchanged: number; refused: number };
	/** up to PREVIEW_ROWS rows to add and PREVIEW_ROWS rows to change, in file order */
	rows: PreviewRow[];
	/** a fingerprint of every row's action and changes: the commit compares it */
	fingerprint: string;
}

export interface ImportReport {
	problems: RowProblem[];
	added: number;
	changed: number;
	unchanged: number;
}

const kinds = new Map<string, ImportKind>();

/** Makes a kind importable (each domain calls it once, at module load). */
export function registerImport<Op>(kind: ImportKind<Op>) {
	kinds.set(kind.kind, kind as ImportKind);
}

export function importKind(name: string): ImportKind | undefined {
	return kinds.get(name);
}

/**
 * What the runner keeps of a plan as the kind reports it: the counts, a fingerprint of every row's action and changes
 * (hashed row by row), the first rows of each action and the first problems; while committing, the operations
 * reported since the last flush (written by `write`).
 */
class Recorder<Op> implements PlanOut<Op> {
	private counts = { add: 0, change: 0, unchanged: 0 };
	private kept: PreviewRow[] = [];
	private keptOf = { add: 0, change: 0 };
	private hash = createHash('sha256');
	private refusedLines = new Set<number>();
	private problemCount = 0;
	readonly problems: RowProblem[] = [];
	private pending: Op[] = [];
	constructor(private write?: (ops: Op[]) => Promise<void>) {}
	row(r: PreviewRow) {
		this.counts[r.action]++;
		this.hash.update(`${JSON.stringify([r.line, r.key, r.action, r.changes ?? []])}\n`);
		if (r.action !== 'unchanged' && this.keptOf[r.action]++ < PREVIEW_ROWS) this.kept.push(r);
	}
	op(o: Op) {
		if (this.write) this.pending.push(o);
	}
	problem(p: RowProblem) {
		this.problemCount++;
		if (p.line > 1) this.refusedLines.add(p.line);
		if (this.problems.length < PROBLEMS_KEPT) this.problems.push(p);
	}
	get refused() {
		return this.problemCount > 0;
	}
	async flush() {
		if (!this.write || this.refused || !this.pending.length) return;
		const ops = this.pending;
		this.pending = [];
		await this.write(ops);
	}
	/** A refused file shows its refused rows only (what the other rows would do is not worth reading yet). */
	preview(): Preview {
		this.problems.sort((a, b) => a.line - b.line);
		const counts = this.refused ? { add: 0, change: 0, unchanged: 0 } : this.counts;
		return {
			counts: { ...counts, refused: this.refusedLines.size },
			rows: this.refused ? [] : [...this.kept].sort((a, b) => a.line - b.line),
			fingerprint: this.hash.copy().digest('hex')
		};
	}
}

/** The preview of a plan held whole (tests). */
export function previewOf(plan: Plan<unknown>): Preview {
	const r = new Recorder();
	for (const p of plan.problems) r.problem(p);
	for (const row of plan.rows) r.row(row);
	return r.preview();
}

/** Queues an import of `file` into the jurisdiction; answers the job id (the page to follow is /imports/<id>). */
export async function startImport(
	user: SessionUser,
	kindName: string,
	jurisdictionId: string,
	file: Blob | string
): Promise<string> {
	const id = await createImport(user, kindName, jurisdictionId, file);
	await enqueue(IMPORT_JOB, { jobId: id, phase: 'plan' });
	return id;
}

/** The job of an upload, checked and written but not yet queued (startImport queues it; tests run it themselves). */
export async function createImport(
	user: SessionUser,
	kindName: string,
	jurisdictionId: string,
	file: Blob | string
): Promise<string> {
	const kind = kinds.get(kindName);
	if (!kind) throw new DomainError(m.not_found(), 404);
	if (!kind.allowed(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	const bytes = typeof file === 'string' ? Buffer.byteLength(file) : file.size;
	if (bytes > MAX_IMPORT_BYTES) throw new FieldError('file', m.ind_file_big({ mb: MAX_IMPORT_BYTES / 1024 / 1024 }));
	return createJobWithUpload({ kind: kindName, jurisdictionId, createdById: user.id }, file);
}

const setStatus = (id: string, from: ImportStatus[], data: Prisma.ImportJobUpdateManyMutationInput) =>
	db.importJob.updateMany({ where: { id, status: { in: from } }, data });

/** The person confirms the preview they saw: the commit is queued (once, however often they press). */
export async function confirmImport(user: SessionUser, jobId: string) {
	await acceptImport(user, jobId);
	await enqueue(IMPORT_JOB, { jobId, phase: 'commit' });
}

/** The confirmation recorded, the commit not yet queued (confirmImport queues it; tests run it themselves). */
export async function acceptImport(user: SessionUser, jobId: string) {
	const job = await jobFor(user, jobId);
	const { count } = await setStatus(job.id, ['ready'], {
		status: 'confirmed',
		confirmedById: user.id,
		confirmedAt: new Date()
	});
	if (!count) throw new DomainError(m.import_not_ready(), 409);
}

/** The person drops the file: nothing is written and the text is forgotten. */
export async function discardImport(user: SessionUser, jobId: string) {
	const job = await jobFor(user, jobId);
	const { count } = await finishJob(job.id, ['queued', 'checking', 'ready', 'refused', 'unchanged'], {
		status: 'discarded',
		finishedAt: new Date()
	});
	if (!count) throw new DomainError(m.import_not_ready(), 409);
}

async function jobFor(user: SessionUser, jobId: string) {
	const job = await db.importJob.findUnique({ where: { id: jobId } });
	const kind = job && kinds.get(job.kind);
	if (!job || !kind) throw new DomainError(m.not_found(), 404);
	// a job of a jurisdiction the person may not import into is not theirs to see: not found, not forbidden
	if (!kind.allowed(user, job.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	return job;
}

/** The job as its page shows it. */
export async function importJob(user: SessionUser, jobId: string) {
	const job = await jobFor(user, jobId);
	const [jurisdiction, by] = await Promise.all([
		db.jurisdiction.findUniqueOrThrow({ where: { id: job.jurisdictionId }, select: { code: true, name: true } }),
		db.user.findUnique({ where: { id: job.createdById }, select: { name: true } })
	]);
	return {
		id: job.id,
		kind: job.kind,
		status: job.status as ImportStatus,
		total: job.total,
		processed: job.processed,
		createdAt: job.createdAt,
		finishedAt: job.finishedAt,
		createdBy: by?.name ?? null,
		jurisdiction,
		preview: (job.preview ?? null) as unknown as Preview | null,
		report: (job.report ?? null) as unknown as ImportReport | null
	};
}

/** The last imports of a kind in a jurisdiction (for the upload pages). */
export function recentImports(kindName: string, jurisdictionId: string, take = 5) {
	return db.importJob.findMany({
		where: { kind: kindName, jurisdictionId },
		orderBy: { createdAt: 'desc' },
		take,
		select: { id: true, status: true, total: true, createdAt: true }
	});
}

const json = (v: unknown) => v as Prisma.InputJsonValue;

async function fail(id: string, problems: RowProblem[]) {
	const report: ImportReport = { problems: problems.slice(0, PROBLEMS_KEPT), added: 0, changed: 0, unchanged: 0 };
	await finishJob(id, null, { status: 'failed', report: json(report), finishedAt: new Date() });
}

/** Background: read the file against the records and store the preview. Writes no record. */
async function planJob(jobId: string) {
	const job = await db.importJob.findUnique({ where: { id: jobId } });
	if (!job || job.status !== 'queued') return;
	const kind = kinds.get(job.kind);
	if (!kind) throw new Error(`no import kind ${job.kind} is registered (imports/kinds.ts)`);
	if (!(await setStatus(job.id, ['queued'], { status: 'checking' })).count) return; // another worker took it
	const input = storedUpload(job.id);
	const plan = new Recorder<unknown>();
	// a read-only transaction: one consistent snapshot of the records the file is compared with
	await db.$transaction((tx) => kind.plan(tx, job.jurisdictionId, input, plan, { userId: job.createdById }), {
		timeout: 600_000,
		maxWait: 60_000,
		isolationLevel: 'RepeatableRead'
	});
	const preview = plan.preview();
	const status: ImportStatus = plan.refused
		? 'refused'
		: preview.counts.add + preview.counts.change
			? 'ready'
			: 'unchanged';
	const report: ImportReport = {
		problems: plan.problems.slice(0, PROBLEMS_KEPT),
		added: 0,
		changed: 0,
		unchanged: preview.counts.unchanged
	};
	const data = {
		status,
		total: Object.values(preview.counts).reduce((a, b) => a + b, 0),
		processed: 0,
		preview: json(preview),
		report: json(report)
	};
	if (status === 'ready') await setStatus(job.id, ['checking'], data);
	else await finishJob(job.id, ['checking'], { ...data, finishedAt: new Date() });
}

/** Background: plan again under the lock, compare with the confirmed preview, write everything or nothing. */
async function commitJob(jobId: string) {
	const job = await db.importJob.findUnique({ where: { id: jobId } });
	if (!job || job.status !== 'confirmed') return;
	const kind = kinds.get(job.kind);
	if (!kind) throw new Error(`no import kind ${job.kind} is registered (imports/kinds.ts)`);
	const confirmed = job.preview as unknown as Preview;
	const input = storedUpload(job.id);
	const { count } = await setStatus(job.id, ['confirmed'], { status: 'importing', processed: 0 });
	if (!count) return;
	const actorId = job.confirmedById ?? job.createdById;
	let outcome: { counts: Preview['counts'] };
	try {
		outcome = await db.$transaction(
			async (tx) => {
				await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`import:${job.kind}:${job.jurisdictionId}`}))`;
				// what the plan reports is written as it goes, in this transaction: a plan that turns out to differ from
				// the confirmed preview (or to have a problem) throws at the end, and everything written rolls back
				let written = 0;
				const plan = new Recorder<unknown>(async (ops) => {
					await kind.apply(tx, job.jurisdictionId, ops, {
						actorId,
						jobId: job.id,
						// progress from another connection, so the page sees it before the commit (updateMany: the job's
						// row holds the whole file, which `update` would read back each time)
						progress: async (done) => {
							await db.importJob.updateMany({
								where: { id: job.id },
								data: { processed: Math.min(written + done, job.total) }
							});
						}
					});
					written += ops.length;
				});
				await kind.plan(tx, job.jurisdictionId, input, plan, { userId: job.createdById });
				await plan.flush();
				const now = plan.preview();
				if (plan.refused) throw new NotWritten(plan.problems);
				if (now.fingerprint !== confirmed.fingerprint) throw new NotWritten([changedSincePreview()]);
				await audit(tx, {
					actorId,
					action: `import.${job.kind}`,
					subjectType: 'import_job',
					subjectId: job.id,
					jurisdictionId: job.jurisdictionId,
					data: now.counts
				});
				return { counts: now.counts };
			},
			{ timeout: 1_800_000, maxWait: 60_000 }
		);
	} catch (e) {
		if (e instanceof NotWritten) return fail(job.id, e.problems);
		throw e;
	}
	const report: ImportReport = {
		problems: [],
		added: outcome.counts.add,
		changed: outcome.counts.change,
		unchanged: outcome.counts.unchanged
	};
	await finishJob(job.id, null, { status: 'done', processed: job.total, report: json(report), finishedAt: new Date() });
}

const changedSincePreview = (): RowProblem => ({ line: 0, column: '', code: 'changed_since_preview' });

/** Thrown inside the commit's transaction to roll back everything it wrote. */
class NotWritten extends Error {
	constructor(readonly problems: RowProblem[]) {
		super('the import was not written');
	}
}

/** Runs one phase of a job; an unexpected error fails the job with nothing written (the transaction rolled back). */
export async function runImportJob(jobId: string, phase: 'plan' | 'commit') {
	try {
		await (phase === 'plan' ? planJob(jobId) : commitJob(jobId));
	} catch (e) {
		console.error(`import ${jobId} (${phase}) failed`, e);
		await fail(jobId, [{ line: 0, column: '', code: 'unexpected' }]).catch(() => {});
	}
}

registerJob(IMPORT_JOB, async (data) => runImportJob(String(data.jobId), data.phase === 'commit' ? 'commit' : 'plan'));
