// Sessions in the Lucia pattern: a random token goes in the cookie; the database stores only its SHA-256, so a
// leaked sessions table cannot be replayed.
//
// How long a session lasts (ASVS 3.3.1, 3.3.2; NIST SP 800-63B 7.2): every session ends at the latest a fixed time
// after sign-in (the absolute lifetime), and earlier when it has not been used for a while (the idle timeout). People
// holding an administrator, regulator or analyst role — who can change or see a whole jurisdiction — get the
// AAL2 values: 30 minutes idle, 12 hours absolute. Everyone else: 14 days idle, 30 days absolute. Each is an env
// variable (SESSION_IDLE_DAYS, SESSION_MAX_DAYS, SESSION_PRIVILEGED_IDLE_MINUTES, SESSION_PRIVILEGED_MAX_HOURS). The
// policy follows the roles held now, so a role granted mid-session tightens that session at once. A request writes
// `last_used_at` (and slides `expires_at`) at most once a minute.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { lookupSession, type SessionExtra } from '../hot/session-lookup';
import type { Role } from '../generated/prisma/enums';

export const SESSION_COOKIE = 'credo_session';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A request records its use of the session at most this often. */
export const TOUCH_MS = MINUTE;
/** Roles whose sessions get the short lifetimes. */
export const PRIVILEGED_ROLES: readonly Role[] = ['ADMIN', 'REGULATOR', 'ANALYST'];

export interface SessionPolicy {
	idleMs: number;
	absoluteMs: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
	const raw = env[name];
	const n = raw === undefined || raw === '' ? NaN : Number(raw);
	return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The idle timeout and absolute lifetime of a session of someone holding `roles`. */
export function sessionPolicy(roles: readonly Role[], env: NodeJS.ProcessEnv = process.env): SessionPolicy {
	const privileged = roles.some((r) => PRIVILEGED_ROLES.includes(r));
	const absoluteMs = privileged
		? positive(env, 'SESSION_PRIVILEGED_MAX_HOURS', 12) * HOUR
		: positive(env, 'SESSION_MAX_DAYS', 30) * DAY;
	const idleMs = privileged
		? positive(env, 'SESSION_PRIVILEGED_IDLE_MINUTES', 30) * MINUTE
		: positive(env, 'SESSION_IDLE_DAYS', 14) * DAY;
	return { idleMs: Math.min(idleMs, absoluteMs), absoluteMs };
}

/** When a session created at `createdAt` and last used at `lastUsedAt` ends under `policy`. */
export function sessionDeadline(createdAt: Date, lastUsedAt: Date, policy: SessionPolicy): Date {
	return new Date(Math.min(lastUsedAt.getTime() + policy.idleMs, createdAt.getTime() + policy.absoluteMs));
}

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

export async function createSession(
	userId: string,
	now = new Date(),
	userAgent?: string | null
): Promise<{ token: string; expiresAt: Date }> {
	const token = generateToken();
	const roles = await db.membership.findMany({ where: { userId }, select: { role: true } });
	const expiresAt = sessionDeadline(now, now, sessionPolicy(roles.map((r) => r.role)));
	await db.session.create({
		data: {
			id: hashToken(token),
			userId,
			expiresAt,
			createdAt: now,
			lastUsedAt: now,
			userAgent: userAgent ? userAgent.slice(0, 400) : null
		}
	});
	return { token, expiresAt };
}

export type { SessionExtra };

/**
 * The session, user and memberships of a token in one round trip (and `extra`, the page's own data, when a hot page
 * asks for it: returned as `extra`).
 */
/**
 * The session, user and memberships of a token in one round trip (and `extra`, the page's own data, when a hot page
 * asks for it: returned as `extra`). `userAgent` is the request's, recorded the first time the session is used.
 * `extended`: the expiry moved, so the cookie should follow.
 */
export async function validateSessionToken(
	token: string,
	now = new Date(),
	extra?: SessionExtra,
	userAgent?: string | null
): Promise<{ sessionId: string; user: SessionUser; expiresAt: Date; extended: boolean; extra?: unknown } | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const sessionId = hashToken(token);
	const row = await lookupSession(sessionId, now, extra);
	if (!row) return null;
	const policy = sessionPolicy(row.memberships.map((m) => m.role));
	const deadline = Math.min(
		row.expires_at.getTime(),
		sessionDeadline(row.created_at, row.last_used_at, policy).getTime()
	);
	if (now.getTime() >= deadline) {
		await db.session.deleteMany({ where: { id: sessionId } });
		return null;
	}
	let expiresAt = row.expires_at;
	let extended = false;
	const recordAgent = !!userAgent && !row.known_agent;
	if (now.getTime() - row.last_used_at.getTime() >= TOUCH_MS || recordAgent) {
		expiresAt = sessionDeadline(row.created_at, now, policy);
		extended = expiresAt.getTime() !== row.expires_at.getTime();
		// updateMany: a session ended meanwhile (signed out elsewhere) is simply not found
		await db.session.updateMany({
			where: { id: sessionId },
			data: { lastUsedAt: now, expiresAt, ...(recordAgent ? { userAgent: userAgent!.slice(0, 400) } : {}) }
		});
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

export interface MySession {
	/** the browser's User-Agent as recorded (described in words by the page) */
	userAgent: string | null;
	createdAt: Date;
	lastUsedAt: Date;
	/** the session this request came with */
	current: boolean;
}

/** The user's sessions that are still valid under the policy of the roles they hold, most recently used first. */
export async function listSessions(
	user: SessionUser,
	currentId: string | null,
	now = new Date()
): Promise<MySession[]> {
	const policy = sessionPolicy(user.memberships.map((m) => m.role));
	const rows = await db.session.findMany({
		where: { userId: user.id, expiresAt: { gt: now } },
		orderBy: [{ lastUsedAt: 'desc' }, { createdAt: 'desc' }],
		take: 100
	});
	return rows
		.filter((r) => sessionDeadline(r.createdAt, r.lastUsedAt, policy).getTime() > now.getTime())
		.map((r) => ({
			userAgent: r.userAgent,
			createdAt: r.createdAt,
			lastUsedAt: r.lastUsedAt,
			current: r.id === currentId
		}));
}

/** "Sign out the other sessions": ends every session of the user but this one, audited; answers how many ended. */
export async function signOutOtherSessions(userId: string, currentId: string): Promise<number> {
	const ended = await invalidateOtherSessions(userId, currentId);
	await audit(db, {
		actorId: userId,
		action: 'user.sessions_ended',
		subjectType: 'user',
		subjectId: userId,
		data: { count: ended }
	});
	return ended;
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
