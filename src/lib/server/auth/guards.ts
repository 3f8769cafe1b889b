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
	type Scope
} from './scope';
import { administers, administersAny, hasRole, isAdmin, type Scope } from './scope';
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

export function requireUser(): SessionUser {
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
 * The pages of one jurisdiction (/admin/jurisdictions/[code]/…): 403 for someone who administers nothing (before
 * anything is read), 404 for an unknown code, 403 for another jurisdiction's administrator.
 */
export async function requireJurisdictionAdmin(code: string) {
	requireAnyAdmin();
	const jurisdiction = await jurisdictionByCode(code);
	if (!jurisdiction) error(404, m.not_found());
	return { user: requireAdmin(jurisdiction.id), jurisdiction };
}
