// Evidence retention: each jurisdiction sets how many months uploaded evidence files are kept (null = kept). A daily
// run (from the sweeper, see sweeper.ts) empties the bytes of older files and records one audit event with the count.
// The file's row stays (name, type, size, SHA-256, dates) so the CPD entries and audit answers citing it keep their
// history; downloading it answers 410 Gone. Files still needed are never purged: evidence of an entry waiting for
// review, of a random-audit answer not yet decided, and university–agency agreement documents (organisational records).
import { z } from 'zod';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import { isAdmin } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { uuid } from '../forms/fields';
import { m } from '$lib/paraglide/messages';

export const MAX_RETENTION_MONTHS = 600;
/** files emptied per run at most; a run that reaches it lets the next sweep continue at once */
export const PURGE_BATCH = Number(process.env.RETENTION_BATCH ?? 5_000);
export const PURGE_ACTION = 'evidence.retention_purged';
const DAY_MS = 86_400_000;

export const retentionSchema = z.object({
	jurisdictionId: uuid(),
	/** whole months; empty = keep evidence files */
	months: z
		.string()
		.trim()
		.optional()
		.transform((v) => v ?? '')
		.pipe(
			z.union([
				z.literal('').transform(() => null),
				z
					.string()
					.regex(/^\d{1,4}$/, { error: () => m.retention_months_invalid({ max: MAX_RETENTION_MONTHS }) })
					.transform(Number)
					.pipe(
						z
							.number()
							.int()
							.min(1, { error: () => m.retention_months_invalid({ max: MAX_RETENTION_MONTHS }) })
							.max(MAX_RETENTION_MONTHS, { error: () => m.retention_months_invalid({ max: MAX_RETENTION_MONTHS }) })
					)
			])
		)
});
export type RetentionInput = z.output<typeof retentionSchema>;

/** The regulator of that jurisdiction, or an admin. */
export function mayEditRetention(user: SessionUser, jurisdictionId: string) {
	return (
		isAdmin(user) || user.memberships.some((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId === jurisdictionId)
	);
}

export async function setRetention(user: SessionUser, input: RetentionInput) {
	if (!mayEditRetention(user, input.jurisdictionId)) throw new Forbidden();
	return db.$transaction(async (tx) => {
		const [j] = await tx.$queryRaw<{ evidence_retention_months: number | null }[]>`
			select evidence_retention_months from jurisdictions where id = ${input.jurisdictionId}::uuid for update`;
		if (!j) throw new DomainError(m.not_found(), 404);
		await tx.jurisdiction.update({
			where: { id: input.jurisdictionId },
			data: { evidenceRetentionMonths: input.months }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'jurisdiction.retention_set',
			subjectType: 'jurisdiction',
			subjectId: input.jurisdictionId,
			jurisdictionId: input.jurisdictionId,
			data: { from: j.evidence_retention_months, to: input.months }
		});
		return { months: input.months };
	});
}

/** The jurisdictions the user may set, with their current period (for the forms). */
export async function retentionSettings(user: SessionUser) {
	const ids = isAdmin(user)
		? undefined
		: user.memberships
				.filter((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId)
				.map((mem) => mem.jurisdictionId!);
	return db.jurisdiction.findMany({
		where: ids ? { id: { in: ids } } : {},
		orderBy: { name: 'asc' },
		select: { id: true, name: true, evidenceRetentionMonths: true }
	});
}

/** One run inside the caller's transaction: the UPDATE and its audit event commit together. */
async function purgeIn(tx: Tx, now: Date, limit: number) {
	const rows = await tx.$queryRaw<{ jurisdiction_id: string }[]>`
		update evidence_files f set data = ''::bytea, purged_at = ${now}
		where f.id in (
			select f2.id from evidence_files f2 join jurisdictions j on j.id = f2.jurisdiction_id
			where j.evidence_retention_months is not null and f2.purged_at is null
				and f2.created_at < ${now}::timestamptz - make_interval(months => j.evidence_retention_months)
				and not exists (select 1 from cpd_entries e where e.evidence_file_id = f2.id and e.status = 'PENDING')
				and not exists (select 1 from audit_sample_items i where i.evidence_file_id = f2.id and i.status in ('REQUESTED', 'SUBMITTED'))
				and not exists (select 1 from field_agreements a where a.document_file_id = f2.id)
			order by f2.created_at
			limit ${limit}
			for update of f2 skip locked)
		returning f.jurisdiction_id`;
	const byJurisdiction: Record<string, number> = {};
	for (const r of rows) byJurisdiction[r.jurisdiction_id] = (byJurisdiction[r.jurisdiction_id] ?? 0) + 1;
	const more = rows.length >= limit;
	await audit(tx, {
		action: PURGE_ACTION,
		subjectType: 'evidence_file',
		data: { count: rows.length, byJurisdiction, more, at: now.toISOString() }
	});
	return { count: rows.length, byJurisdiction, more };
}

const LONG = { timeout: 120_000, maxWait: 10_000 };

/**
 * Empties evidence files older than their jurisdiction's period (uploaded before `now` minus the months), at most
 * `limit` of them, and writes one audit event with the count.
 */
export function purgeExpiredEvidence(now = new Date(), limit = PURGE_BATCH) {
	return db.$transaction((tx) => purgeIn(tx, now, limit), LONG);
}

/**
 * The scheduled run: once a day (sooner while the last run hit its batch limit), by whichever app server's sweeper
 * gets there first. The check and the run share one transaction holding an advisory lock, so concurrent sweepers run
 * it once. Returns null when not due (or another server is running it).
 */
export function retentionSweep(now = new Date()) {
	return db.$transaction(async (tx) => {
		const [{ locked }] = await tx.$queryRaw<
			{ locked: boolean }[]
		>`select pg_try_advisory_xact_lock(hashtext('credo.evidence-retention')) as locked`;
		if (!locked) return null;
		const last = await tx.auditEvent.findFirst({
			where: { action: PURGE_ACTION },
			orderBy: { id: 'desc' },
			select: { at: true, data: true }
		});
		const data = (last?.data ?? null) as { more?: boolean; at?: string } | null;
		const lastAt = data?.at ? new Date(data.at).getTime() : (last?.at.getTime() ?? 0);
		const due = !last || !!data?.more || lastAt > now.getTime() || now.getTime() - lastAt >= DAY_MS;
		return due ? purgeIn(tx, now, PURGE_BATCH) : null;
	}, LONG);
}
