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

/** A global administrator (an ADMIN membership with no organisation or jurisdiction): every jurisdiction. */
export function isAdmin(user: SessionUser | null): boolean {
	return !!user?.memberships.some((m) => m.role === 'ADMIN' && !m.organisationId && !m.jurisdictionId);
}

/** The jurisdictions a person administers: null for a global administrator (all of them), else the ids of their
 *  jurisdiction-scoped ADMIN memberships (possibly none). */
export function adminJurisdictions(user: SessionUser | null): string[] | null {
	if (isAdmin(user)) return null;
	return [
		...new Set(
			(user?.memberships ?? []).filter((m) => m.role === 'ADMIN' && m.jurisdictionId).map((m) => m.jurisdictionId!)
		)
	];
}

/** Does this person administer anything (the /admin area): a global administrator or a jurisdiction's? */
export function administersAny(user: SessionUser | null): boolean {
	const ids = adminJurisdictions(user);
	return ids === null || ids.length > 0;
}

/** Does this person administer the jurisdiction (globally or as its jurisdiction administrator)? */
export function administers(user: SessionUser | null, jurisdictionId: string): boolean {
	const ids = adminJurisdictions(user);
	return ids === null || ids.includes(jurisdictionId);
}

/**
 * May this person write or review modules in the browser (issue 22)? A provider administrator or an author of some
 * organisation, or a global administrator. Which providers' modules they reach is authoring/store.ts's question.
 */
export function authorsAny(user: SessionUser | null): boolean {
	return (
		isAdmin(user) || !!user?.memberships.some((m) => (m.role === 'PROVIDER' || m.role === 'AUTHOR') && m.organisationId)
	);
}
