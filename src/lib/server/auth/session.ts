// Sessions in the Lucia pattern: a random token goes in the cookie; the database stores only its SHA-256, so a
// leaked sessions table cannot be replayed. Expiry slides: a session used in its last 15 days is extended to 30.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { db, type Db } from '../db';
import { lookupSession, type SessionExtra } from '../hot/session-lookup';
import type { Role } from '../generated/prisma/enums';

export const SESSION_COOKIE = 'credo_session';
const DAY = 86_400_000;
export const SESSION_DAYS = 30;

export interface Membership {
	id: string;
	role: Role;
	organisationId: string | null;
	jurisdictionId: string | null;
	/** the jurisdiction of the organisation, for org-scoped roles */
	orgJurisdictionId: string | null;
}

export interface SessionUser {
	id: string;
	email: string;
	name: string;
	emailVerified: boolean;
	locale: string;
	memberships: Membership[];
	/** accepted the current privacy notice (set by the session lookup; the layout shows a banner until then) */
	privacyAccepted?: boolean;
	/** unread notices when the session was looked up (saves the layout a query on every page) */
	unread?: number;
}

export function generateToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
	await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
	return { token, expiresAt };
}

export type { SessionExtra };

/**
 * The session, user and memberships of a token in one round trip (and `extra`, the page's own data, when a hot page
 * asks for it: returned as `extra`).
 */
export async function validateSessionToken(
	token: string,
	now = new Date(),
	extra?: SessionExtra
): Promise<{ sessionId: string; user: SessionUser; expiresAt: Date; extended: boolean; extra?: unknown } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const sessionId = hashToken(token);
	const row = await lookupSession(sessionId, now, extra);
	if (!row) return null;
	let expiresAt = row.expires_at;
	let extended = false;
	if (now.getTime() >= expiresAt.getTime()) {
		await db.session.deleteMany({ where: { id: sessionId } });
		return null;
	}
	if (expiresAt.getTime() - now.getTime() < (SESSION_DAYS / 2) * DAY) {
		expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
		extended = true;
		await db.session.update({ where: { id: sessionId }, data: { expiresAt } });
	}
	return {
		sessionId,
		expiresAt,
		extended,
		extra: row.extra,
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			emailVerified: row.email_verified_at !== null,
			locale: row.locale,
			memberships: row.memberships,
			privacyAccepted: row.privacy_accepted,
			unread: row.unread
		}
	};
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user except `keep` (the one that changed the password, if any). */
export async function invalidateOtherSessions(userId: string, keep: string | null): Promise<number> {
	const { count } = await db.session.deleteMany({ where: { userId, ...(keep ? { NOT: { id: keep } } : {}) } });
	return count;
}

/** The SessionUser the guards would see for this user, without a session (background jobs acting for the person who
 *  started them, tests). */
export async function sessionUserById(userId: string, client: Db = db): Promise<SessionUser> {
	const u = await client.user.findUniqueOrThrow({
		where: { id: userId },
		include: { memberships: { include: { organisation: { select: { jurisdictionId: true } } } } }
	});
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		emailVerified: !!u.emailVerifiedAt,
		locale: u.locale,
		memberships: u.memberships.map((m) => ({
			id: m.id,
			role: m.role,
			organisationId: m.organisationId,
			jurisdictionId: m.jurisdictionId,
			orgJurisdictionId: m.organisation?.jurisdictionId ?? null
		}))
	};
}
