// Who may grant which role, in which scope. Nobody grants a role wider than their own: a coordinator invites
// students (learners) and field supervisors into their university; a provider admin, other provider staff into
// their provider; a regulator, regulators and analysts into their jurisdiction; a jurisdiction's administrator,
// administrators, regulators and analysts into that jurisdiction; a global administrator anything. An author (issue
// 22) writes modules for one training provider: its administrator invites them; an author invites nobody.
import type { OrganisationType, Role } from '../generated/prisma/enums';
import type { SessionUser } from '../auth/session';

export const ROLES: Role[] = [
	'LEARNER',
	'SUPERVISOR',
	'COORDINATOR',
	'PROVIDER',
	'AUTHOR',
	'REGULATOR',
	'ANALYST',
	'ADMIN'
];

export type ScopeKind = 'organisation' | 'jurisdiction' | 'global';

/** The scopes each role may be held in: a learner in a jurisdiction or (a student) in a university. */
export const ROLE_SCOPES: Record<Role, ScopeKind[]> = {
	LEARNER: ['jurisdiction', 'organisation'],
	SUPERVISOR: ['organisation'],
	COORDINATOR: ['organisation'],
	PROVIDER: ['organisation'],
	// an author of a training provider only; checkGrantScope refuses any other organisation
	AUTHOR: ['organisation'],
	REGULATOR: ['jurisdiction'],
	// an analyst of a jurisdiction, or of a ministry organisation (who score 3.a.1 when the jurisdiction assigns its
	// ministry: indicators/access.ts); checkGrantScope refuses any other organisation
	ANALYST: ['jurisdiction', 'organisation'],
	ADMIN: ['global', 'jurisdiction']
};

/** The one organisation type a role held in an organisation must have, where it is limited to one. */
export const ROLE_ORG_TYPE: Partial<Record<Role, OrganisationType>> = {
	ANALYST: 'MINISTRY',
	AUTHOR: 'TRAINING_PROVIDER'
};

export function scopeKind(g: { organisationId: string | null; jurisdictionId: string | null }): ScopeKind {
	return g.organisationId ? 'organisation' : g.jurisdictionId ? 'jurisdiction' : 'global';
}

const DELEGABLE: Partial<Record<Role, Role[]>> = {
	COORDINATOR: ['LEARNER', 'SUPERVISOR'],
	PROVIDER: ['PROVIDER', 'AUTHOR'],
	REGULATOR: ['REGULATOR', 'ANALYST'],
	ADMIN: ['ADMIN', 'REGULATOR', 'ANALYST']
};

export interface Grant {
	role: Role;
	organisationId: string | null;
	jurisdictionId: string | null;
}

export function scopeKey(g: { organisationId: string | null; jurisdictionId: string | null }): string {
	return g.organisationId ? `org:${g.organisationId}` : g.jurisdictionId ? `jur:${g.jurisdictionId}` : 'global';
}

/** The grants this user may hand out (admins: any role, any scope — checked separately). */
export function grantableBy(user: SessionUser): Grant[] {
	const grants: Grant[] = [];
	for (const mem of user.memberships) {
		// a global administrator may grant anything (mayGrant); here only what a scoped role hands on
		if (!mem.organisationId && !mem.jurisdictionId) continue;
		for (const role of DELEGABLE[mem.role] ?? []) {
			// the grant carries the inviter's own scope, never a wider one
			grants.push({
				role,
				organisationId: mem.organisationId,
				jurisdictionId: mem.organisationId ? null : mem.jurisdictionId
			});
		}
	}
	const seen = new Set<string>();
	return grants.filter((g) => {
		const k = `${g.role}|${scopeKey(g)}`;
		return seen.has(k) ? false : (seen.add(k), true);
	});
}

/** May this person invite anyone at all? (The menu and the invite page ask the same question.) */
export function canInvite(user: SessionUser): boolean {
	return user.memberships.some(
		(m) => (m.role === 'ADMIN' && !m.organisationId && !m.jurisdictionId) || DELEGABLE[m.role]?.length
	);
}

export function mayGrant(user: SessionUser, grant: Grant): boolean {
	if (user.memberships.some((m) => m.role === 'ADMIN' && !m.organisationId && !m.jurisdictionId)) return true;
	return grantableBy(user).some(
		(g) =>
			g.role === grant.role && g.organisationId === grant.organisationId && g.jurisdictionId === grant.jurisdictionId
	);
}
