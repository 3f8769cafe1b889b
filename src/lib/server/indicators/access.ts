// Who sees and changes the indicators of which jurisdiction. Regulators and analysts: the jurisdictions of their
// memberships; jurisdiction administrators: the jurisdictions they administer; global admins: every jurisdiction.
// Scoring the QA criteria is the jurisdiction's regulator's alone; the child population is kept by the regulator or an
// administrator of the jurisdiction (global or its own); analysts read everything and change nothing.
import type { SessionUser } from '../auth/session';
import { adminJurisdictions, administers, isAdmin } from '../auth/scope';
import { Forbidden } from '../errors';
import { m } from '$lib/paraglide/messages';

const jurisdictionsAs = (user: SessionUser, roles: string[]) =>
	user.memberships.filter((mem) => roles.includes(mem.role) && mem.jurisdictionId).map((mem) => mem.jurisdictionId!);

/** null = every jurisdiction (admins); otherwise the ids this person may read. */
export function readableJurisdictions(user: SessionUser): string[] | null {
	return isAdmin(user)
		? null
		: [...new Set([...jurisdictionsAs(user, ['REGULATOR', 'ANALYST']), ...(adminJurisdictions(user) ?? [])])];
}

export function canRead(user: SessionUser, jurisdictionId: string): boolean {
	const ids = readableJurisdictions(user);
	return ids === null || ids.includes(jurisdictionId);
}

export function canScoreQa(user: SessionUser, jurisdictionId: string): boolean {
	return jurisdictionsAs(user, ['REGULATOR']).includes(jurisdictionId);
}

export function canEditPopulation(user: SessionUser, jurisdictionId: string): boolean {
	return administers(user, jurisdictionId) || canScoreQa(user, jurisdictionId);
}

export function assertQaScorer(user: SessionUser, jurisdictionId: string) {
	if (!canScoreQa(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
}

export function assertPopulationEditor(user: SessionUser, jurisdictionId: string) {
	if (!canEditPopulation(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
}
