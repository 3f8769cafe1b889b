// The one guard module. Loads and actions call requireUser()/requireRole() first; each call re-checks on the
// server, so nothing relies on a layout having run.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '../generated/prisma/enums';
import type { SessionUser } from './session';
import { m } from '$lib/paraglide/messages';

export { covers, rolesOf, hasRole, isAdmin, type Scope } from './scope';
import { hasRole, type Scope } from './scope';

export function requireUser(): SessionUser {
	const { locals, url } = getRequestEvent();
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** A signed-in user holding one of the roles (in the scope, when given); otherwise 403. */
export function requireRole(roles: Role | Role[], scope?: Scope, orgJurisdictionId?: string | null): SessionUser {
	const user = requireUser();
	if (!hasRole(user, roles, scope, orgJurisdictionId)) error(403, m.error_forbidden());
	return user;
}
