// The supervisor's home: hours waiting for her decision (the sign-off page's rows), the sessions she logged that a
// supervisee disputed or has not answered yet (the supervision page's cards), her supervisees with their last
// confirmed session, and her load against the jurisdiction's ratio.
import type { SessionUser } from '../auth/session';
import { pendingForSupervisor } from '../practicum/hours';
import { supervisorOverview, currentSupervisees } from '../supervision/sessions';
import { rulesFor, supervisorFacts } from '../supervision/assignments';

export interface SupervisorHome {
	hoursWaiting: number;
	sessionsDisputed: number;
	sessionsUnanswered: number;
	supervisees: { id: string; name: string; last: Date | null }[];
	/** current load and the most the jurisdiction allows (null when she supervises nobody in a jurisdiction yet) */
	ratio: { load: number; max: number } | null;
}

/** Sessions with at least one attendee in `status` (the cards the supervision page marks so). */
export function sessionsWith(sessions: { attendees: { status: string }[] }[], status: 'DISPUTED' | 'PENDING'): number {
	return sessions.filter((s) => s.attendees.some((a) => a.status === status)).length;
}

export async function supervisorHome(user: SessionUser, now: Date): Promise<SupervisorHome> {
	const [hours, overview, assigned] = await Promise.all([
		pendingForSupervisor(user),
		supervisorOverview(user.id),
		currentSupervisees(user.id, now)
	]);
	const jurisdictionId =
		assigned[0]?.jurisdictionId ??
		user.memberships
			.filter((mem) => mem.role === 'SUPERVISOR')
			.map((mem) => mem.jurisdictionId ?? mem.orgJurisdictionId)
			.find(Boolean) ??
		null;
	let ratio: SupervisorHome['ratio'] = null;
	if (jurisdictionId) {
		const rules = await rulesFor(jurisdictionId);
		const facts = await supervisorFacts(user.id, jurisdictionId, rules.studentsCount);
		ratio = { load: facts.load, max: facts.dedicated ? rules.ratioDedicated : rules.ratioOther };
	}
	return {
		hoursWaiting: hours.length,
		sessionsDisputed: sessionsWith(overview.sessions, 'DISPUTED'),
		sessionsUnanswered: sessionsWith(overview.sessions, 'PENDING'),
		supervisees: overview.supervisees,
		ratio
	};
}
