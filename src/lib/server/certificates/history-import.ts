// The `certificates` import: certificates issued before Credo or outside it, recorded from a provider's records by an
// administrator or regulator of the jurisdiction, or by a provider for its own. The file is read in chunks (up to
// 300,000 rows); history-rows.ts checks and plans each chunk, this loads what the chunk names and writes the plan.
// An inserted certificate counts in the indicators by itself (triggers keep the worker's spans).
import type { Tx } from '../db';
import { audit } from '../audit/audit';
import { sessionUserById } from '../auth/session';
import { registerImport } from '../imports/run';
import type { ImportInput, ImportKind, ImportBy, PlanOut } from '../imports/types';
import { readCsvChunks } from '../imports/csv-read';
import type { RowProblem } from '$lib/import-problems';
import { fromDate, today } from '$lib/calendar-day';
import { newVerificationCode } from './code';
import {
	HISTORY_COLUMNS,
	HISTORY_MAX_ROWS,
	historyChecker,
	key,
	mayRecordCertificates,
	planChunk,
	recordableProviders,
	type ChunkState,
	type HistoryOp,
	type HistoryRefs,
	type HistoryRow
} from './history-rows';

export const HISTORY_KIND = 'certificates';
/** Rows read, checked and compared at a time. */
const CHUNK = 1000;
const BATCH = 2000;

/** An operation with who recorded it (the uploader: the person whose roles allowed each row). */
type RecordOp = HistoryOp & { recordedById: string };

async function refsOf(tx: Tx, j: string, by: ImportBy): Promise<HistoryRefs> {
	const [jur, orgs, programmes, user] = await Promise.all([
		tx.jurisdiction.findUniqueOrThrow({ where: { id: j }, select: { timeZone: true } }),
		tx.organisation.findMany({ where: { jurisdictionId: j }, select: { id: true, code: true } }),
		tx.programme.findMany({
			where: { provider: { jurisdictionId: j } },
			select: { id: true, providerId: true, code: true, jurisdictionId: true, validityMonths: true }
		}),
		sessionUserById(by.userId, tx)
	]);
	return {
		jurisdictionId: j,
		today: today(jur.timeZone),
		providers: new Map(orgs.map((o) => [o.code, o.id])),
		programmes: new Map(programmes.map((p) => [key(p.providerId, p.code), p])),
		mayRecord: recordableProviders(user, j)
	};
}

/**
 * The workers, recorded certificates and sequences the chunk's rows name. Each is looked up key by key, by index:
 * `lateral (… offset 0)` makes the database probe the index once per key of the chunk, whatever its statistics say
 * (a plain join lets it hash the whole table instead, once per chunk — a file of n rows then reads n²/CHUNK rows; and
 * a commit writes the whole file in one transaction, so the statistics of `certificates` predate the rows it wrote).
 */
async function chunkState(tx: Tx, j: string, rows: HistoryRow[]): Promise<ChunkState> {
	const idKinds = rows.flatMap((r) => [
		...(r.nwid ? ['NATIONAL_WORKER_ID'] : []),
		...(r.licence ? ['LICENCE_NUMBER'] : [])
	]);
	const idValues = rows.flatMap((r) => [...(r.nwid ? [r.nwid] : []), ...(r.licence ? [r.licence] : [])]);
	const ids = await tx.$queryRaw<{ kind: string; value: string; worker: string; name: string }[]>`
		select u.kind, u.value, x.worker, x.name
		from unnest(${idKinds}::text[], ${idValues}::text[]) as u(kind, value)
		cross join lateral (
			select i.worker_profile_id as worker, concat_ws(' ', w.given_name, w.family_name) as name
			from worker_identifiers i join worker_profiles w on w.id = i.worker_profile_id
			where i.jurisdiction_id = ${j}::uuid and i.kind = u.kind::"IdentifierKind" and i.value = u.value offset 0) x`;
	const byNwid = new Map(ids.filter((i) => i.kind === 'NATIONAL_WORKER_ID').map((i) => [i.value, i.worker]));
	const byLicence = new Map(ids.filter((i) => i.kind === 'LICENCE_NUMBER').map((i) => [i.value, i.worker]));
	// the (programme, worker) pairs the rows may name: by either identifier (two different workers refuse the row)
	const pairs = new Map<string, [string, string]>();
	for (const r of rows)
		for (const w of [r.nwid && byNwid.get(r.nwid), r.licence && byLicence.get(r.licence)])
			if (w) pairs.set(key(r.programme.id, w), [r.programme.id, w]);
	const [recorded, sequences] = await Promise.all([
		tx.$queryRaw<
			{ provider: string; number: string; programme: string; worker: string; issued: Date; expires: Date | null }[]
		>`
			select u.provider, u.number, c.programme, c.worker, c.issued, c.expires
			from unnest(${rows.map((r) => r.providerId)}::uuid[], ${rows.map((r) => r.number)}::text[]) as u(provider, number)
			cross join lateral (
				select c.programme_id as programme, c.worker_id as worker, c.issued_on as issued, c.expires_on as expires
				from certificates c where c.recorded_from_id = u.provider and c.external_number = u.number offset 0) c`,
		tx.$queryRaw<{ programme: string; worker: string; max: number }[]>`
			select u.programme, u.worker, s.max
			from unnest(${[...pairs.values()].map((p) => p[0])}::uuid[], ${[...pairs.values()].map((p) => p[1])}::uuid[])
				as u(programme, worker)
			cross join lateral (
				select max(sequence)::int as max from certificates c
				where c.programme_id = u.programme and c.worker_id = u.worker) s
			where s.max is not null`
	]);
	return {
		byNwid,
		byLicence,
		names: new Map(ids.map((i) => [i.worker, i.name])),
		recorded: new Map(
			recorded.map((c) => [
				key(c.provider, c.number),
				{
					programmeId: c.programme,
					workerId: c.worker,
					issuedOn: fromDate(c.issued),
					expiresOn: c.expires && fromDate(c.expires)
				}
			])
		),
		maxSequence: new Map(sequences.map((s) => [key(s.programme, s.worker), s.max]))
	};
}

/** Reads the file in chunks: each is checked, compared with the records and reported (and, while committing, written
 *  before the next is read, so the next chunk's sequences follow this one's). */
async function plan(tx: Tx, j: string, input: ImportInput, out: PlanOut<RecordOp>, by: ImportBy) {
	const check = historyChecker(await refsOf(tx, j, by));
	const chunks = readCsvChunks(input.pieces(), HISTORY_COLUMNS, HISTORY_MAX_ROWS, CHUNK, (p) => out.problem(p));
	for await (const { records } of chunks) {
		const problems: RowProblem[] = [];
		const rows = check(records, problems);
		// once the file is refused, the rest is only checked (every row's problems are reported)
		if (rows.length && !out.refused) {
			const planned = planChunk(rows, await chunkState(tx, j, rows), problems);
			planned.rows.forEach((r) => out.row(r));
			planned.ops.forEach((o) => out.op({ ...o, recordedById: by.userId }));
		}
		problems.sort((a, b) => a.line - b.line).forEach((p) => out.problem(p));
		await out.flush();
	}
}

/** One batch in one statement; the holder's account, name and the programme's competencies are read as written. */
async function writeBatch(tx: Tx, j: string, batch: RecordOp[], jobId: string) {
	const col = <T>(f: (o: RecordOp) => T) => batch.map(f);
	await tx.$executeRaw`
		insert into certificates (id, jurisdiction_id, programme_id, user_id, worker_id, source, recorded_from_id,
			external_number, holder_name, sequence, code, issued_at, issued_on, expires_on, issued_by_id, competencies,
			evidence, credential)
		select gen_random_uuid(), ${j}::uuid, p.id, w.user_id, w.id, 'RECORDED', u.provider, u.number,
			concat_ws(' ', w.given_name, w.family_name), u.sequence, u.code, now(), u.issued, u.expires,
			u.recorded_by, p.competencies,
			jsonb_build_object('recorded', jsonb_build_object('provider', u.provider_code, 'number', u.number,
				'importJob', ${jobId || null}::text)),
			null
		from unnest(${col((o) => o.programmeId)}::uuid[], ${col((o) => o.workerId)}::uuid[],
			${col((o) => o.providerId)}::uuid[], ${col((o) => o.providerCode)}::text[], ${col((o) => o.number)}::text[],
			${col((o) => o.sequence)}::int[], ${col(() => newVerificationCode())}::text[], ${col((o) => o.issuedOn)}::date[],
			${col((o) => o.expiresOn)}::date[], ${col((o) => o.recordedById)}::uuid[])
			as u(programme, worker, provider, provider_code, number, sequence, code, issued, expires, recorded_by)
		join programmes p on p.id = u.programme
		-- each worker by its key (see chunkState): a join would hash every worker of the database for each batch
		cross join lateral (select w.id, w.user_id, w.given_name, w.family_name from worker_profiles w
			where w.id = u.worker offset 0) w`;
}

export const historyImport: ImportKind<RecordOp> = {
	kind: HISTORY_KIND,
	allowed: mayRecordCertificates,
	columns: HISTORY_COLUMNS,
	maxRows: HISTORY_MAX_ROWS,
	plan,
	async apply(tx, j, ops, ctx) {
		for (let i = 0; i < ops.length; i += BATCH) {
			await writeBatch(tx, j, ops.slice(i, i + BATCH), ctx.jobId);
			await ctx.progress(Math.min(i + BATCH, ops.length));
		}
		// one event for the import (apply runs once per chunk): the runner's own entry carries the counts
		const logged = await tx.auditEvent.findFirst({
			where: { action: 'certificate.recorded', subjectType: 'import_job', subjectId: ctx.jobId },
			select: { id: true }
		});
		if (!logged && ops.length)
			await audit(tx, {
				actorId: ctx.actorId,
				action: 'certificate.recorded',
				subjectType: 'import_job',
				subjectId: ctx.jobId,
				jurisdictionId: j,
				data: { source: 'RECORDED' }
			});
	}
};
registerImport(historyImport);
