// The provider's home: her organisations' upcoming events (each a link to its page), the events that ended with
// participants present on every session day who hold no certificate of the programme yet (ready for the cohort
// issuance on the event's page), and the CPD claims waiting for her review (the review page's rows).
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { reviewQueue } from '../cpd/ledger';

export interface ProviderEvent {
	id: string;
	title: string;
	programme: string;
	startsOn: Date;
	endsOn: Date;
}

export interface ProviderHome {
	upcoming: ProviderEvent[];
	/** ended events with people ready for a certificate, and how many */
	ready: (ProviderEvent & { people: number })[];
	claimsToReview: number;
}

function providerOrgIds(user: SessionUser): string[] {
	return user.memberships
		.filter((mem) => mem.role === 'PROVIDER' && mem.organisationId)
		.map((mem) => mem.organisationId!);
}

/** Events of these providers' programmes starting today or later, soonest first. */
export function upcomingEvents(orgs: string[], today: Date) {
	return db.trainingEvent.findMany({
		where: { startsOn: { gte: today }, programme: { providerId: { in: orgs }, archivedAt: null } },
		orderBy: [{ startsOn: 'asc' }, { title: 'asc' }],
		take: 20,
		select: { id: true, title: true, startsOn: true, endsOn: true, programme: { select: { title: true } } }
	});
}

/**
 * Ended events of these providers with participants present (or made up) on every session day and without a
 * certificate of the programme: what the event page's cohort issuance would give a certificate to.
 */
export async function eventsReadyToIssue(orgs: string[], today: Date) {
	if (!orgs.length) return [];
	return db.$queryRaw<{ id: string; title: string; programme: string; startsOn: Date; endsOn: Date; people: number }[]>`
		select e.id, e.title, g.title as programme, e.starts_on as "startsOn", e.ends_on as "endsOn", count(*)::int as people
		from training_events e join programmes g on g.id = e.programme_id
		join event_participants p on p.event_id = e.id
		where g.provider_id = any(${orgs}::uuid[]) and e.ends_on < ${today}::date
			and cardinality(e.session_days) > 0
			and (select count(*) from attendance_marks a where a.event_id = e.id and a.worker_id = p.worker_id
				and (a.present or a.make_up) and a.day = any(e.session_days)) = cardinality(e.session_days)
			and not exists (select 1 from certificates c where c.programme_id = g.id and c.worker_id = p.worker_id
				and c.revoked_at is null)
		group by e.id, g.title
		order by e.ends_on desc, e.title
		limit 20`;
}

export async function providerHome(user: SessionUser, now: Date): Promise<ProviderHome> {
	const orgs = providerOrgIds(user);
	const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
	const [upcoming, ready, claims] = await Promise.all([
		upcomingEvents(orgs, today),
		eventsReadyToIssue(orgs, today),
		reviewQueue(user)
	]);
	return {
		upcoming: upcoming.map((e) => ({ ...e, programme: e.programme.title })),
		ready,
		claimsToReview: claims.length
	};
}
