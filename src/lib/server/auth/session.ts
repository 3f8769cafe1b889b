// Sessions in the Lucia pattern: a random token goes in the cookie; the database stores only its SHA-256, so a
// leaked sessions table cannot be replayed. Expiry slides: a session used in its last 15 days is extended to 30.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { db, hotPool } from '../db';
import { batched } from '../batch';
import type { Role } from '../generated/prisma/enums';
import { PRIVACY_NOTICE_VERSION } from '../privacy/notice';

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

interface Row {
	n: string; // position in the batch (1-based)
	id: string;
	expires_at: Date;
	user_id: string;
	email: string;
	name: string;
	email_verified_at: Date | null;
	locale: string;
	memberships: Membership[];
	privacy_accepted: boolean;
	unread: number;
	extra?: unknown;
}

/**
 * Data of the page being asked for, read in the same statement as the session (a hot page's one round trip).
 * `sql(user, now, args)` is one SQL expression: `user` stands for the signed-in user's id, `now` for the time of the
 * lookup and `args` for this request's `values` (as text). `name` names the statement: one per SQL text. It is
 * evaluated only for a valid session, so it can only ever read what that user's own page would.
 */
export interface SessionExtra {
	name: string;
	sql: (user: string, now: string, args: string[]) => string;
	values: string[];
}

// Lookups that arrive in the same turn of the event loop (see ../batch.ts) go to PostgreSQL as one statement over
// arrays, one row per valid session, matched back by position: a busy server makes one round trip for several
// requests. Each request's session, user and memberships are still read after it arrived.
interface Pending {
	sessionId: string;
	now: Date;
	extra?: SessionExtra;
}

const statements = new Map<string, string>();
function sessionStatement(extra: SessionExtra | undefined, argCount: number): { name: string; text: string } {
	const name = extra ? `session-lookup:${extra.name}` : 'session-lookup';
	let text = statements.get(name);
	if (!text) {
		const args = Array.from({ length: argCount }, (_, i) => `a${i + 1}`);
		const more = extra
			? `, ${extra.sql(
					'u.id',
					'k.now',
					args.map((a) => `k.${a}`)
				)} as extra`
			: '';
		text = `
		select k.n, s.id, s.expires_at, u.id as user_id, u.email, u.name, u.email_verified_at, u.locale,
			coalesce((select json_agg(json_build_object('id', m.id, 'role', m.role, 'organisationId', m.organisation_id,
				'jurisdictionId', m.jurisdiction_id, 'orgJurisdictionId', o.jurisdiction_id) order by m.created_at)
				from memberships m left join organisations o on o.id = m.organisation_id
				where m.user_id = u.id), '[]'::json) as memberships,
			exists (select 1 from privacy_consents pc where pc.user_id = u.id and pc.notice_version = $2) as privacy_accepted,
			(select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null) as unread${more}
		from unnest($1::text[], $3::timestamptz[]${args.map((_, i) => `, $${i + 4}::text[]`).join('')})
			with ordinality as k(sid, now${args.map((a) => `, ${a}`).join('')}, n)
		join sessions s on s.id = k.sid
		join users u on u.id = s.user_id
		where u.disabled_at is null`;
		statements.set(name, text);
	}
	return { name, text };
}

const lookup = batched(
	async (items: Pending[]): Promise<(Row | undefined)[]> => {
		const extra = items[0].extra; // one statement per kind of extra (the batch key)
		const argCount = extra?.values.length ?? 0;
		const values: unknown[] = [items.map((i) => i.sessionId), PRIVACY_NOTICE_VERSION, items.map((i) => i.now)];
		for (let a = 0; a < argCount; a++) values.push(items.map((i) => i.extra!.values[a]));
		// on the plain pg pool: every signed-in request pays for this query, and Prisma's per-query cost is the larger
		// part; a named statement, so each connection plans it once (planning took longer than running it)
		const { rows } = await hotPool().query<Row>({ ...sessionStatement(extra, argCount), values });
		const byPosition = new Map(rows.map((r) => [Number(r.n), r]));
		return items.map((_, i) => byPosition.get(i + 1));
	},
	(item) => item.extra?.name ?? ''
);

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
	const row = await lookup({ sessionId, now, extra });
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
