// The privacy notice and each person's consent to it. The notice's text is in the messages (privacy_*); its version
// is this one constant: changing the text means a new version, and everyone signed in is asked to accept it again
// (the session query tells the layout whether the current version is accepted).
import { z } from 'zod';
import { safeRedirectTarget } from '../redirect';
import { db, type Db } from '../db';
import { m } from '$lib/paraglide/messages';

export const PRIVACY_NOTICE_VERSION = '2026-11';

/** The registration / invitation checkbox: must be ticked (a checkbox posts "on"). */
export const consentField = () =>
	z
		.string({ error: () => m.privacy_consent_required() })
		.refine((v) => v === 'on' || v === 'true', { error: () => m.privacy_consent_required() })
		.transform(() => true as const);

/** Records that the person accepted the current notice (idempotent). Pass the transaction that creates the account. */
export async function recordConsent(tx: Db, userId: string, version = PRIVACY_NOTICE_VERSION, now = new Date()) {
	await tx.privacyConsent.createMany({
		data: [{ userId, noticeVersion: version, acceptedAt: now }],
		skipDuplicates: true
	});
}

export const acceptSchema = z.object({
	// the version the person read: a notice changed since the page was shown must be read again
	version: z
		.string({ error: () => m.field_required() })
		.refine((v) => v === PRIVACY_NOTICE_VERSION, { error: () => m.privacy_version_changed() }),
	next: z.string().optional()
});

/** A signed-in person accepts the current notice. */
export async function acceptNotice(userId: string, now = new Date()) {
	await recordConsent(db, userId, PRIVACY_NOTICE_VERSION, now);
}

/** Where to go after accepting from the banner: a path on this site, never another origin. */
export function safeNext(next: string | undefined): string {
	// printable ASCII only (the page sends its URL-encoded path), then the checks every redirect makes (redirect.ts)
	const fallback = '/privacy?accepted=1';
	return next && /^[\x21-\x7e]*$/.test(next) && next.length <= 500 ? safeRedirectTarget(next, fallback) : fallback;
}

/** When the person accepted the current notice, or null. */
export async function acceptedAt(userId: string): Promise<Date | null> {
	const row = await db.privacyConsent.findUnique({
		where: { userId_noticeVersion: { userId, noticeVersion: PRIVACY_NOTICE_VERSION } },
		select: { acceptedAt: true }
	});
	return row?.acceptedAt ?? null;
}

/** Whom to contact: each jurisdiction's regulator organisations (the notice also names the administrators). */
export async function noticeContacts() {
	const rows = await db.jurisdiction.findMany({
		orderBy: { name: 'asc' },
		select: {
			name: true,
			organisations: { where: { type: 'REGULATOR' }, orderBy: { name: 'asc' }, select: { name: true } }
		}
	});
	return rows.map((j) => ({ jurisdiction: j.name, regulators: j.organisations.map((o) => o.name) }));
}
