// Who sees and changes the indicators of which jurisdiction. Regulators and analysts: the jurisdictions of their
// memberships (an analyst of a ministry organisation: that organisation's jurisdiction); jurisdiction administrators:
// the jurisdictions they administer; global admins: every jurisdiction. The child population is kept by the regulator
// or an administrator of the jurisdiction (global or its own); analysts read everything and change nothing.
//
// Scoring the QA criteria (3.a.1) belongs to the scorer the jurisdiction assigns (jurisdictions.qa_scorer): its
// regulators (the default); the ministry (analysts of a MINISTRY organisation of the jurisdiction); or a partner (any
// member of the partner organisation chosen). The session carries each membership's organisation but not its type,
// so the assignment is read from the database (qaAssignments) and the rule itself (mayScoreQa) is pure.
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { adminJurisdictions, administers, isAdmin } from '../auth/scope';
import type { QaScorer } from '../generated/prisma/enums';
import { Forbidden } from '../errors';
import { m } from '$lib/paraglide/messages';

const jurisdictionsAs = (user: SessionUser, roles: string[]) =>
	user.memberships
		.filter((mem) => roles.includes(mem.role))
		// an analyst held in a (ministry) organisation reads that organisation's jurisdiction
		.map((mem) => mem.jurisdictionId ?? (mem.role === 'ANALYST' ? mem.orgJurisdictionId : null))
		.filter((id): id is string => !!id);

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

/** A regulator of the jurisdiction (a jurisdiction-scoped REGULATOR membership). */
export function regulates(user: SessionUser, jurisdictionId: string): boolean {
	return user.memberships.some((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId === jurisdictionId);
}

export function canEditPopulation(user: SessionUser, jurisdictionId: string): boolean {
	return administers(user, jurisdictionId) || regulates(user, jurisdictionId);
}

export function assertPopulationEditor(user: SessionUser, jurisdictionId: string) {
	if (!canEditPopulation(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
}

/** Who scores a jurisdiction's 3.a.1, as far as one person is concerned. */
export interface QaAssignment {
	jurisdictionId: string;
	scorer: QaScorer;
	/** the partner organisation (PARTNER) */
	partnerId: string | null;
	/** the person's ANALYST organisations that are ministries of this jurisdiction */
	ministries: string[];
}

/** The rule: may this person score the jurisdiction's 3.a.1 under its assignment? */
export function mayScoreQa(user: SessionUser, a: QaAssignment): boolean {
	switch (a.scorer) {
		case 'REGULATOR':
			return regulates(user, a.jurisdictionId);
		case 'MINISTRY':
			return user.memberships.some(
				(mem) => mem.role === 'ANALYST' && !!mem.organisationId && a.ministries.includes(mem.organisationId)
			);
		case 'PARTNER':
			return !!a.partnerId && user.memberships.some((mem) => mem.organisationId === a.partnerId);
	}
}

/** The assignments of the jurisdictions this person belongs to (or of `only`): one query, two when the person is an
 *  analyst of an organisation (whose type is not in the session). */
export async function qaAssignments(client: Db, user: SessionUser, only?: string): Promise<QaAssignment[]> {
	const ids = [
		...new Set(user.memberships.map((mem) => mem.jurisdictionId ?? mem.orgJurisdictionId).filter((id) => !!id))
	] as string[];
	const wanted = only === undefined ? ids : ids.filter((id) => id === only);
	if (!wanted.length) return [];
	const analystOrgs = user.memberships.filter((mem) => mem.role === 'ANALYST' && mem.organisationId);
	const [rows, ministries] = await Promise.all([
		client.jurisdiction.findMany({
			where: { id: { in: wanted } },
			select: { id: true, qaScorer: true, qaScorerOrganisationId: true }
		}),
		analystOrgs.length
			? client.organisation.findMany({
					where: { id: { in: analystOrgs.map((mem) => mem.organisationId!) }, type: 'MINISTRY' },
					select: { id: true, jurisdictionId: true }
				})
			: []
	]);
	return rows.map((j) => ({
		jurisdictionId: j.id,
		scorer: j.qaScorer,
		partnerId: j.qaScorerOrganisationId,
		ministries: ministries.filter((o) => o.jurisdictionId === j.id).map((o) => o.id)
	}));
}

/** The jurisdictions whose 3.a.1 this person scores. */
export async function scoredJurisdictions(client: Db, user: SessionUser, only?: string): Promise<string[]> {
	return (await qaAssignments(client, user, only)).filter((a) => mayScoreQa(user, a)).map((a) => a.jurisdictionId);
}

export async function canScoreQa(client: Db, user: SessionUser, jurisdictionId: string): Promise<boolean> {
	return (await scoredJurisdictions(client, user, jurisdictionId)).length > 0;
}

export async function assertQaScorer(client: Db, user: SessionUser, jurisdictionId: string) {
	if (!(await canScoreQa(client, user, jurisdictionId))) throw new Forbidden(m.error_forbidden());
}
