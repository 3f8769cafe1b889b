// Role and scope checks as pure functions (no request needed): guards.ts uses them for requests, scripts and
// reports may use them directly.
import type { Role } from '../generated/prisma/enums';
import type { Membership, SessionUser } from './session';

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
		return membership.jurisdictionId === scope.jurisdictionId || membership.orgJurisdictionId === scope.jurisdictionId;
	}
	return true;
}

export function rolesOf(user: SessionUser | null, role: Role): Membership[] {
	return user ? user.memberships.filter((m) => m.role === role) : [];
}

export function hasRole(
	user: SessionUser | null,
	roles: Role | Role[],
	scope?: Scope,
	orgJurisdictionId?: string | null
) {
	const wanted = Array.isArray(roles) ? roles : [roles];
	return !!user?.memberships.some((m) => wanted.includes(m.role) && covers(m, scope, orgJurisdictionId));
}

export function isAdmin(user: SessionUser | null): boolean {
	return hasRole(user, 'ADMIN');
}
