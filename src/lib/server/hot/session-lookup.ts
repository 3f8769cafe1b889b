// The session lookup every signed-in request makes, on the hot pool: session, user, memberships, privacy consent and
// unread notices in one statement, and for a hot page its own data too (`SessionExtra`, see page-extras.ts): one
// round trip per page view instead of two. Lookups that arrive in the same turn of the event loop (batch.ts) go as
// one statement over arrays, one row per valid session, matched back by position. Each request's session, user and
// memberships are still read after it arrived.
import { batched } from './batch';
import { checked, renumbered, type Fragment } from './fragment';
import { hotPool, named, type Named } from './pool';
import type { Membership } from '../auth/session';
import { PRIVACY_NOTICE_VERSION } from '../privacy/notice';

export interface SessionRow {
	n: string; // position in the batch (1-based)
	id: string;
	expires_at: Date;
	created_at: Date;
	last_used_at: Date;
	/** the session has a User-Agent recorded */
	known_agent: boolean;
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
 * Data of the page being asked for, read in the same statement as the session. `fragment` is one SQL expression that
 * reads the signed-in user as `me.user_id` and the time of the lookup as `me.now`; its $1…$n are its `values`, sent
 * as text (cast them in the fragment). It is evaluated only for a valid session, so it can only ever read what that
 * user's own page would. `name` is what the page reads it under (readWithSession).
 */
export interface SessionExtra {
	name: string;
	fragment: Fragment;
}

interface Pending {
	sessionId: string;
	now: Date;
	extra?: SessionExtra;
}

const FIXED = 3; // $1 session ids, $2 privacy notice version, $3 lookup times
const statements = new Map<string, Named>();

/** The statement for lookups with this fragment (or none): the fragment's $i become column x<i> of the batch, whose
 *  values are bound as the array $(3 + i). Built once per fragment text; its name is made from the whole text. */
function statementFor(fragment: Fragment | undefined): Named {
	const key = fragment?.text ?? '';
	let s = statements.get(key);
	if (s) return s;
	const count = fragment?.values.length ?? 0;
	const columns = Array.from({ length: count }, (_, i) => `, x${i + 1}`).join('');
	const arrays = Array.from({ length: count }, (_, i) => `, $${FIXED + i + 1}::text[]`).join('');
	const extra = fragment ? `, ${renumbered(fragment, (i) => `k.x${i}`)} as extra` : '';
	s = named(
		'session-lookup',
		`
		select k.n, s.id, s.expires_at, s.created_at, s.last_used_at, s.user_agent is not null as known_agent,
			u.id as user_id, u.email, u.name, u.email_verified_at, u.locale,
			coalesce((select json_agg(json_build_object('id', m.id, 'role', m.role, 'organisationId', m.organisation_id,
				'jurisdictionId', m.jurisdiction_id, 'orgJurisdictionId', o.jurisdiction_id) order by m.created_at)
				from memberships m left join organisations o on o.id = m.organisation_id
				where m.user_id = u.id), '[]'::json) as memberships,
			exists (select 1 from privacy_consents pc where pc.user_id = u.id and pc.notice_version = $2) as privacy_accepted,
			(select count(*)::int from notifications n where n.user_id = u.id and n.read_at is null and n.done_at is null) as unread${extra}
		from unnest($1::text[], $3::timestamptz[]${arrays}) with ordinality as k(sid, now${columns}, n)
		join sessions s on s.id = k.sid
		join users u on u.id = s.user_id
		cross join lateral (select u.id, k.now) as me(user_id, now)
		where u.disabled_at is null`
	);
	statements.set(key, s);
	return s;
}

const lookup = batched(
	async (items: Pending[]): Promise<(SessionRow | undefined)[]> => {
		const fragment = items[0].extra?.fragment; // one statement per fragment text (the batch key)
		const values: unknown[] = [items.map((i) => i.sessionId), PRIVACY_NOTICE_VERSION, items.map((i) => i.now)];
		for (let v = 0; v < (fragment?.values.length ?? 0); v++) values.push(items.map((i) => i.extra!.fragment.values[v]));
		const { rows } = await hotPool().query<SessionRow>({ ...statementFor(fragment), values });
		const byPosition = new Map(rows.map((r) => [Number(r.n), r]));
		return items.map((_, i) => byPosition.get(i + 1));
	},
	(item) => item.extra?.fragment.text ?? ''
);

/** The row of a valid session with this id (hashed token), or undefined. */
export function lookupSession(sessionId: string, now: Date, extra?: SessionExtra): Promise<SessionRow | undefined> {
	if (extra) checked(extra.fragment);
	return lookup({ sessionId, now, extra });
}
