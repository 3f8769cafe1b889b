// The one guard module. Loads and actions call requireUser()/requireRole() first; each call re-checks on the
// server, so nothing relies on a layout having run.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '../generated/prisma/enums';
import type { SessionUser } from './session';
import { m } from '$lib/paraglide/messages';

export { covers, rolesOf, hasRole, isAdmin, type Scope } from './scope';
import { hasRole, type Scope } from './scope';

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

/** A signed-in user holding one of the roles (in the scope, when given); otherwise 403. */
export function requireRole(roles: Role | Role[], scope?: Scope, orgJurisdictionId?: string | null): SessionUser {
	const user = requireUser();
	if (!hasRole(user, roles, scope, orgJurisdictionId)) error(403, m.error_forbidden());
	return user;
}
