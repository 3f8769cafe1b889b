// Where an import's uploaded file waits until its job is committed, refused or discarded: the import_upload_pieces of
// the job, about a million characters each, written as the file is decoded and read back one piece at a time. Every
// import (the CSV kinds of run.ts and the licence import) stores its file here; nothing holds a national file whole.
import type { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { FieldError } from '../errors';
import { randomUUID } from 'node:crypto';
import { hotPool } from '../hot/pool';
import type { ImportInput } from './types';
import { m } from '$lib/paraglide/messages';

/** Characters per stored piece. */
export const PIECE_CHARS = 1024 * 1024;

/** The file as UTF-8 text, piece by piece; a file that is not UTF-8 text (or holds NUL, which PostgreSQL text cannot
 * hold, or U+FFFD, the mark of text already damaged) is refused beside the file field. */
export async function* textPieces(source: Blob): AsyncGenerator<string> {
	let pending = '';
	// decoded whole code points at a time: a piece never ends inside a surrogate pair
	const decoded = source.stream().pipeThrough(new TextDecoderStream('utf-8', { fatal: true }));
	try {
		for await (const text of decoded as unknown as AsyncIterable<string>) {
			pending += text;
			if (pending.length >= PIECE_CHARS) {
				yield checked(pending);
				pending = '';
			}
		}
	} catch (e) {
		if (e instanceof FieldError) throw e;
		throw new FieldError('file', m.ind_file_not_text()); // not UTF-8
	}
	yield checked(pending);
}

function checked(text: string): string {
	if (text.includes('\u0000') || text.includes('\ufffd')) throw new FieldError('file', m.ind_file_not_text());
	return text;
}

/** Writes a job's file as pieces (seq 0, 1, …) through `write`, which inserts one into import_upload_pieces inside
 * the caller's transaction, so a file refused half-way writes nothing. */
export async function storeUpload(
	write: (seq: number, text: string) => Promise<unknown>,
	source: Blob | string
): Promise<void> {
	let seq = 0;
	for await (const text of textPieces(typeof source === 'string' ? new Blob([source]) : source)) {
		if (!text && seq) continue;
		await write(seq++, text);
	}
}

/** A job's stored file, read one piece at a time with plain pg (never through Prisma, never whole unless asked). */
export function storedUpload(jobId: string): ImportInput {
	const piece = async (seq: number) =>
		(
			await hotPool().query<{ text: string }>('select text from import_upload_pieces where job_id = $1 and seq = $2', [
				jobId,
				seq
			])
		).rows[0]?.text;
	async function* pieces() {
		for (let seq = 0; ; seq++) {
			const text = await piece(seq);
			if (text === undefined) return;
			yield text;
		}
	}
	return {
		async text() {
			let all = '';
			for await (const text of pieces()) all += text;
			return all;
		},
		pieces
	};
}

/** The job's last status, and its file forgotten with it (committed, refused, failed or discarded). */
export function finishJob(id: string, from: string[] | null, data: Prisma.ImportJobUpdateManyMutationInput) {
	return db.$transaction(async (tx) => {
		const done = await tx.importJob.updateMany({ where: { id, ...(from ? { status: { in: from } } : {}) }, data });
		if (done.count) await tx.importUploadPiece.deleteMany({ where: { jobId: id } });
		return done;
	});
}

/**
 * Writes a queued job and its file in one transaction, with plain pg: through Prisma, a national
 * file (27 MiB) cost the server ~100 MiB of memory. The hot pool commits without waiting for the WAL flush; this
 * upload waits, as everything else written does. A file that is not text writes nothing.
 */
export async function createJobWithUpload(
	job: { kind: string; jurisdictionId: string; createdById: string },
	file: Blob | string
): Promise<string> {
	const id = randomUUID();
	const client = await hotPool().connect();
	try {
		await client.query('begin');
		await client.query('set local synchronous_commit = on');
		await client.query(
			'insert into import_jobs (id, kind, jurisdiction_id, status, created_by_id) values ($1, $2, $3, $4, $5)',
			[id, job.kind, job.jurisdictionId, 'queued', job.createdById]
		);
		await storeUpload(
			(seq, text) =>
				client.query('insert into import_upload_pieces (job_id, seq, text) values ($1, $2, $3)', [id, seq, text]),
			file
		);
		await client.query('commit');
	} catch (e) {
		await client.query('rollback').catch(() => {});
		throw e;
	} finally {
		client.release();
	}
	return id;
}
