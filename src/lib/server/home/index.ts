// The home of each role (issue 17): what the person signed in has to do now, one section per role held. Every count
// here is computed with the same domain query as the list page it links to, so the count equals the rows there.
import type { SessionUser } from '../auth/session';
import type { Role } from '../generated/prisma/enums';
import { administersAny } from '../auth/scope';
import { learnerHome, type LearnerHome } from './learner';
import { supervisorHome, type SupervisorHome } from './supervisor';
import { coordinatorHome, type CoordinatorHome } from './coordinator';
import { providerHome, type ProviderHome } from './provider';
import { authorHome, type AuthorHome } from './author';
// ── homes-b: import regulatorHome / analystHome / adminHome and their types here ──
import { regulatorHome, type RegulatorHome } from './regulator';
import { analystHome, type AnalystHome } from './analyst';
import { adminHome, type AdminHome, type HomeImport } from './admin';
import { qaScorerHome, type QaScorerHome } from './qa-scorer';

export type { LearnerHome, SupervisorHome, CoordinatorHome, ProviderHome, AuthorHome };
export type { RegulatorHome, AnalystHome, AdminHome, HomeImport, QaScorerHome };

export interface Home {
	learner?: LearnerHome;
	supervisor?: SupervisorHome;
	coordinator?: CoordinatorHome;
	provider?: ProviderHome;
	/** the modules written in the browser: an author's and a provider administrator's (issue 22) */
	author?: AuthorHome;
	// ── homes-b: replace `unknown` by its types ──
	regulator?: RegulatorHome;
	/** null: an analyst with no jurisdiction to read */
	analyst?: AnalystHome | null;
	admin?: AdminHome;
	/** the jurisdictions whose 3.a.1 criteria this person scores (a regulator, a ministry analyst, a partner's member) */
	qaScorer?: QaScorerHome;
}

/** The roles the person holds (any scope). */
export function holds(user: SessionUser, role: Role): boolean {
	return user.memberships.some((m) => m.role === role);
}

/**
 * The home of `user`: one key per role held, each computed in parallel. The learner's part is there for a learner and
 * for an account that holds no role yet (a new sign-up); the dashboard shows it last when the person holds others.
 */
export async function homeFor(user: SessionUser, now = new Date()): Promise<Home> {
	const parts: Promise<Partial<Home>>[] = [];
	if (holds(user, 'LEARNER') || user.memberships.length === 0)
		parts.push(learnerHome(user, now).then((learner) => ({ learner })));
	if (holds(user, 'SUPERVISOR')) parts.push(supervisorHome(user, now).then((supervisor) => ({ supervisor })));
	if (holds(user, 'COORDINATOR')) parts.push(coordinatorHome(user, now).then((coordinator) => ({ coordinator })));
	if (holds(user, 'PROVIDER')) parts.push(providerHome(user, now).then((provider) => ({ provider })));
	if (user.memberships.some((x) => (x.role === 'PROVIDER' || x.role === 'AUTHOR') && x.organisationId))
		parts.push(authorHome(user).then((author) => ({ author })));
	// ── homes-b: push regulator / analyst / admin here, e.g.
	// if (holds(user, 'REGULATOR')) parts.push(regulatorHome(user, now).then((regulator) => ({ regulator })));
	if (holds(user, 'REGULATOR')) parts.push(regulatorHome(user, now).then((regulator) => ({ regulator })));
	if (holds(user, 'ANALYST')) parts.push(analystHome(user, now).then((analyst) => ({ analyst })));
	if (administersAny(user)) parts.push(adminHome(user, now).then((admin) => ({ admin })));
	if (user.memberships.length) parts.push(qaScorerHome(user, now).then((qaScorer) => (qaScorer ? { qaScorer } : {})));
	// ── end homes-b ──
	return Object.assign({}, ...(await Promise.all(parts))) as Home;
}
