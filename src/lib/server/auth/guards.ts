// The one guard module. Loads and actions call requireUser()/requireRole() first; each call re-checks on the
// server, so nothing relies on a layout having run.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '../generated/prisma/enums';
import type { Membership, SessionUser } from './session';
import { m } from '$lib/paraglide/messages';

export interface Scope {
	organisationId?: string | null;
	jurisdictionId?: string | null;
}

/** Does the membership cover the scope? Jurisdiction roles cover the organisations in that jurisdiction. */
export function covers(membership: Membership, scope: Scope = {}, orgJurisdictionId?: string | null): boolean {
	if (membership.role === 'ADMIN' && !membership.organisationId && !membership.jurisdictionId) return true;
	if (scope.organisationId) {
		if (membership.organisationId === scope.organisationId) return true;
		return !!membership.jurisdictionId && membership.jurisdictionId === orgJurisdictionId;
	}
	if (scope.jurisdictionId) {
		return (
			membership.jurisdictionId === scope.jurisdictionId || membership.orgJurisdictionId === scope.jurisdictionId
		);
	}
	return true;
}

export function rolesOf(user: SessionUser | null, role: Role): Membership[] {
	return user ? user.memberships.filter((m) => m.role === role) : [];
}

export function hasRole(user: SessionUser | null, roles: Role | Role[], scope?: Scope, orgJurisdictionId?: string | null) {
	const wanted = Array.isArray(roles) ? roles : [roles];
	return !!user?.memberships.some((m) => wanted.includes(m.role) && covers(m, scope, orgJurisdictionId));
}

export function isAdmin(user: SessionUser | null): boolean {
	return hasRole(user, 'ADMIN');
}

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
