// A notice reaches a person twice: in the in-app inbox and by mail (through the outbox).
import type { Db } from '../db';
import { db } from '../db';
import { enqueueMail } from '../mail/outbox';
import { asLocale } from '$lib/labels';

export interface Notice {
	kind: string;
	title: string;
	body: string;
	link?: string;
	/**
	 * What the notice asks the person to act on, e.g. `agreement-sign:<placementId>`, `hours:<placementId>` (see
	 * `noticeSubject`): one open notice per person and subject, cleared by `clearNotices` when the action is done.
	 */
	subject?: string;
}

/** The subjects of notices that wait on an action; each is cleared by the action that settles it. */
export const noticeSubject = {
	/** per signatory (student, field supervisor): a placement's learning agreement to sign */
	agreementSign: (placementId: string) => `agreement-sign:${placementId}`,
	/** one per placement: hours wait for the field supervisor's decision (cleared when none is pending) */
	hours: (placementId: string) => `hours:${placementId}`,
	/** per supervisee: a session to confirm or dispute */
	session: (sessionId: string) => `session:${sessionId}`,
	/** the supervisor: a disputed session to amend or withdraw */
	sessionDispute: (sessionId: string) => `session-dispute:${sessionId}`,
	/** the reviewers (provider admins, else regulators): an external CPD activity to approve or reject */
	cpdClaim: (entryId: string) => `cpd-claim:${entryId}`,
	/** the jurisdiction's regulators: a worker's claim to hold a licence, to confirm or reject */
	licenceClaim: (claimId: string) => `licence-claim:${claimId}`,
	/** the jurisdiction's regulators: a programme's recognition to decide */
	recognition: (programmeId: string) => `recognition:${programmeId}`,
	/** the holder: a licence cycle ends with requirements missing (cleared when the cycle is renewed or lapses) */
	renewal: (cycleId: string) => `renewal:${cycleId}`,
	/** the holder: a failed audit disallowed entries and put this cycle back for a decision (cleared when it is decided) */
	auditFailed: (cycleId: string) => `audit-failed:${cycleId}`,
	/** the field supervisor: the midterm or final evaluation of a placement is due */
	evaluation: (placementId: string, kind: 'MIDTERM' | 'FINAL') => `evaluation:${placementId}:${kind}`,
	/** the student: an evaluation to read and acknowledge */
	evaluationAck: (evaluationId: string) => `evaluation-ack:${evaluationId}`,
	/** the jurisdiction's regulators: a module's new version, with new terms, waits for their accreditation */
	accreditationTerms: (jurisdictionId: string, moduleId: string) => `accreditation-terms:${jurisdictionId}:${moduleId}`
};

/**
 * A notice to `user`, written in the recipient's own language (every caller builds the title and body with
 * `{ locale: asLocale(user.locale) }`); the notice keeps that language, so that the inbox marks it as such when the
 * person has since switched language.
 */
export async function notify(
	tx: Db,
	user: { id: string; email: string; locale?: string | null },
	notice: Notice,
	origin: string
) {
	const locale =
		user.locale !== undefined
			? user.locale
			: (await tx.user.findUnique({ where: { id: user.id }, select: { locale: true } }))?.locale;
	if (notice.subject) {
		// the same open notice twice (a form posted again, a reminder run twice) stays one, and one mail
		const open = await tx.notification.findFirst({
			where: { userId: user.id, subject: notice.subject, doneAt: null },
			select: { id: true }
		});
		if (open) return null;
	}
	await tx.notification.create({ data: { userId: user.id, ...notice, locale: asLocale(locale) } });
	const link = notice.link ? `\n\n${origin}${notice.link}` : '';
	return enqueueMail(tx, { to: user.email, subject: notice.title, text: `${notice.body}${link}`, kind: notice.kind });
}

/** The people holding `role` in an organisation or a jurisdiction (the reviewers a notice goes to). */
export function membersWith(
	tx: Db,
	role: 'PROVIDER' | 'REGULATOR' | 'COORDINATOR',
	scope: { organisationId: string } | { jurisdictionId: string }
) {
	return tx.user.findMany({
		where: { disabledAt: null, memberships: { some: { role, ...scope } } },
		select: { id: true, email: true, locale: true }
	});
}

/**
 * The action a notice asked for is done (in the same transaction as that action): every open notice about `subject`
 * (or only `userId`'s) is marked done and read. Returns how many were cleared.
 */
export async function clearNotices(tx: Db, subject: string, userId?: string) {
	const now = new Date();
	const where = { subject, doneAt: null, ...(userId ? { userId } : {}) };
	await tx.notification.updateMany({ where: { ...where, readAt: null }, data: { readAt: now } });
	const { count } = await tx.notification.updateMany({ where, data: { doneAt: now } });
	return count;
}

/** The inbox: notices still to act on first (newest first), then the rest (informing ones and done ones). */
export async function inbox(userId: string) {
	const rows = await db.notification.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, take: 100 });
	const toDo = rows.filter((n) => n.subject && !n.doneAt);
	return { toDo, others: rows.filter((n) => !(n.subject && !n.doneAt)) };
}

/** Unread notices that are not done (the header's count). */
export function unreadCount(userId: string) {
	return db.notification.count({ where: { userId, readAt: null, doneAt: null } });
}

export async function markAllRead(userId: string) {
	await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
}
