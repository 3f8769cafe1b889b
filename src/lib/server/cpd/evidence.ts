// Evidence files: PDF, PNG or JPEG up to 5 MB, the type decided by the bytes (a renamed executable is refused),
// stored in PostgreSQL. Who may read a file, and the log of every view by someone other than its owner.
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { FieldError, DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { m } from '$lib/paraglide/messages';
import { formatDay } from '$lib/dates';

export const MAX_EVIDENCE = 5 * 1024 * 1024;
const ALLOWED = new Map([
	['application/pdf', 'pdf'],
	['image/png', 'png'],
	['image/jpeg', 'jpg']
]);

/** Checks an uploaded file and stores it; returns its id. `field` names the form field for the message. */
export async function storeEvidence(
	tx: Db,
	owner: { id: string; jurisdictionId: string | null },
	file: File,
	field = 'evidence'
): Promise<string> {
	if (file.size === 0) throw new FieldError(field, m.evidence_empty());
	if (file.size > MAX_EVIDENCE) throw new FieldError(field, m.evidence_too_big());
	const bytes = new Uint8Array(await file.arrayBuffer());
	// a file cut short inside its header (a 12-byte "PNG") makes the parser run out of bytes: not a file we take
	const type = await fileTypeFromBuffer(bytes).catch(() => undefined);
	if (!type || !ALLOWED.has(type.mime)) throw new FieldError(field, m.evidence_type());
	const safeName =
		(file.name || 'evidence')
			.replace(/[^\p{L}\p{N}._ -]/gu, '_')
			.slice(0, 120)
			.replace(/\.[^.]*$/, '') + `.${ALLOWED.get(type.mime)}`;
	const row = await tx.evidenceFile.create({
		data: {
			ownerId: owner.id,
			jurisdictionId: owner.jurisdictionId,
			filename: safeName,
			contentType: type.mime,
			size: bytes.length,
			sha256: createHash('sha256').update(bytes).digest('hex'),
			data: bytes
		},
		select: { id: true }
	});
	return row.id;
}

/** The worker, a provider admin of the entry's provider, or a regulator of its jurisdiction (admins too). */
export async function mayReadEvidence(user: SessionUser, fileId: string) {
	const file = await db.evidenceFile.findUnique({
		where: { id: fileId },
		select: {
			id: true,
			ownerId: true,
			jurisdictionId: true,
			filename: true,
			contentType: true,
			purgedAt: true,
			entries: { select: { providerOrgId: true, jurisdictionId: true } }
		}
	});
	if (!file) return null;
	const allowed =
		file.ownerId === user.id ||
		user.memberships.some(
			(mem) =>
				(mem.role === 'ADMIN' && !mem.organisationId && !mem.jurisdictionId) ||
				(mem.role === 'REGULATOR' &&
					mem.jurisdictionId &&
					(mem.jurisdictionId === file.jurisdictionId ||
						file.entries.some((e) => e.jurisdictionId === mem.jurisdictionId))) ||
				(mem.role === 'PROVIDER' && file.entries.some((e) => e.providerOrgId && e.providerOrgId === mem.organisationId))
		);
	return { file, allowed };
}

/**
 * An evidence file to serve: its name, type, size and a body that streams the bytes. A view by anyone other than the
 * owner is audited when the body has been taken to the end (the bytes have gone out), not before: a refused, failed or
 * abandoned download is not a view.
 */
export async function openEvidence(user: SessionUser, fileId: string, ip: string) {
	const found = /^[0-9a-f-]{36}$/.test(fileId) ? await mayReadEvidence(user, fileId) : null;
	if (!found) throw new DomainError(m.not_found(), 404);
	if (!found.allowed) throw new DomainError(m.error_forbidden(), 403);
	// emptied by the jurisdiction's retention period or an erasure: the record stays, the bytes are gone
	if (found.file.purgedAt)
		throw new DomainError(
			m.retention_file_purged({ date: formatDay(found.file.purgedAt) }),

			410
		);
	const row = await db.evidenceFile.findUniqueOrThrow({
		where: { id: fileId },
		select: { data: true, filename: true, contentType: true }
	});
	const served = async () => {
		if (found.file.ownerId === user.id) return; // the owner's own views are not logged
		await audit(db, {
			actorId: user.id,
			action: 'evidence.viewed',
			subjectType: 'evidence_file',
			subjectId: fileId,
			jurisdictionId: found.file.jurisdictionId,
			ip
		});
	};
	let sent = false;
	const body = new ReadableStream<Uint8Array>({
		// called once at the start (the bytes are queued), then again only when the reader has taken them
		async pull(controller) {
			if (!sent) {
				sent = true;
				controller.enqueue(new Uint8Array(row.data));
				return;
			}
			await served();
			controller.close();
		}
	});
	return { filename: row.filename, contentType: row.contentType, size: row.data.length, data: row.data, body, served };
}

/** The file's bytes for someone allowed to read them, the view audited (see openEvidence). */
export async function readEvidence(user: SessionUser, fileId: string, ip: string) {
	const file = await openEvidence(user, fileId, ip);
	await file.body.cancel();
	await file.served();
	return { data: file.data, filename: file.filename, contentType: file.contentType };
}
