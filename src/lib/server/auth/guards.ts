// The one guard module. Loads and actions call requireUser()/requireRole() first; each call re-checks on the
// server, so nothing relies on a layout having run.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '../generated/prisma/enums';
import type { SessionUser } from './session';
import { m } from '$lib/paraglide/messages';

export {
	covers,
	rolesOf,
	hasRole,
	isAdmin,
	adminJurisdictions,
	administers,
	administersAny,
	authorsAny,
	type Scope
} from './scope';
import { administers, administersAny, authorsAny, hasRole, isAdmin, type Scope } from './scope';
import { jurisdictionByCode } from '../setup/jurisdictions';

/**
 * Where the login page sends the person back: the page asked for, with its query — unless that is too long to carry
 * in a redirect (a query of many kilobytes overflowed the Location header, found by fuzzing): then the page alone.
 */
export function loginRedirect(url: URL) {
	for (const back of [url.pathname + url.search, url.pathname]) {
		const next = encodeURIComponent(back);
		if (next.length <= 2_000) return `/login?next=${next}`;
	}
	return '/login';
}

/**
 * Must this person confirm their address before acting? Anyone holding a role other than learner: their role lets them
 * see and change other people's records, and the address is how others found them (issue 15, item 6).
 */
export function mustConfirmEmail(user: SessionUser): boolean {
	return !user.emailVerified && user.memberships.some((mem) => mem.role !== 'LEARNER');
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The signed-in person, else a redirect to the login page. A POST (any change) by someone who must still confirm their
 * address is refused (403, `confirmEmail`: the error page offers the link again).
 */
export function requireUser(): SessionUser {
	const user = requireSignedIn();
	const { request } = getRequestEvent();
	if (request && !READS.has(request.method) && mustConfirmEmail(user))
		error(403, { message: m.review_confirm_email_first({ email: user.email }), confirmEmail: true });
	return user;
}

/** The signed-in person, confirmed or not: only for what they need before confirming (asking for the link again). */
export function requireSignedIn(): SessionUser {
	const { locals, url } = getRequestEvent();
	if (!locals.user) redirect(303, loginRedirect(url));
	return locals.user;
}

/**
 * A signed-in user holding one of the roles (in the scope, when given); otherwise 403. Not for administrators: an
 * ADMIN membership scoped to one jurisdiction covers the empty scope too, so `requireRole('ADMIN')` would let a
 * jurisdiction's administrator in everywhere — use requireAdmin.
 */
export function requireRole(roles: Role | Role[], scope?: Scope, orgJurisdictionId?: string | null): SessionUser {
	const user = requireUser();
	if (!hasRole(user, roles, scope, orgJurisdictionId)) error(403, m.error_forbidden());
	return user;
}

/**
 * An administrator, else 403. Without an argument a global administrator only (pages that act across
 * jurisdictions: people, audit trail, supervision settings); with a jurisdiction's id, a global administrator or that
 * jurisdiction's administrator.
 */
export function requireAdmin(jurisdictionId?: string): SessionUser {
	const user = requireUser();
	if (!(jurisdictionId === undefined ? isAdmin(user) : administers(user, jurisdictionId)))
		error(403, m.error_forbidden());
	return user;
}

/** Anyone who administers something — a global administrator or a jurisdiction's (the /admin area); else 403. */
export function requireAnyAdmin(): SessionUser {
	const user = requireUser();
	if (!administersAny(user)) error(403, m.error_forbidden());
	return user;
}

/**
 * The module pages (/provider/modules…, issue 22): a provider administrator or an author of some provider, or a global
 * administrator; else 403. Each module's page still asks authoring/store.ts whether it is theirs (404 when not).
 */
export function requireAuthoring(): SessionUser {
	const user = requireUser();
	if (!authorsAny(user)) error(403, m.error_forbidden());
	return user;
}

/**
 * The pages of one jurisdiction (/admin/jurisdictions/[code]/…): 403 for someone who administers nothing (before
 * anything is read), 404 for an unknown code, 403 for another jurisdiction's administrator.
 */
export async function requireJurisdictionAdmin(code: string) {
	requireAnyAdmin();
	const jurisdiction = await jurisdictionByCode(code);
	if (!jurisdiction) error(404, m.not_found());
	return { user: requireAdmin(jurisdiction.id), jurisdiction };
}
