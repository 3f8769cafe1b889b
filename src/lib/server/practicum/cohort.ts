// The coordinator's cohort: one aggregate query for every placement of the university, whatever its size, on the read
// replica when DATABASE_REPLICA_URL names one.
import { Prisma } from '../generated/prisma/client';
import { replica } from '../db';

export interface CohortRow {
	id: string;
	student: string;
	agency: string;
	supervisor: string;
	status: string;
	outcome: string | null;
	required: number;
	approved: number;
	pending: number;
	signed: boolean;
	last_activity: Date | null;
	last_decision: Date | null;
	stale: boolean;
	evaluations: string | null;
	/** the placement's first and last day (what the home's "behind on hours" and "evaluation due" measure against) */
	starts_on: Date;
	ends_on: Date;
}

/** `page` reads one slice in the same order (the CSV export's keyset pages): `take` rows after the row `after`. */
export async function cohort(
	universityId: string,
	staleDays: number,
	now = new Date(),
	page?: { after?: Pick<CohortRow, 'student' | 'id'>; take: number }
): Promise<CohortRow[]> {
	const after = page?.after
		? Prisma.sql`and (su.name, p.id) > (${page.after.student}, ${page.after.id}::uuid)`
		: Prisma.empty;
	const rows = await replica.$queryRaw<
		(Omit<CohortRow, 'required' | 'approved' | 'pending'> & { required: string; approved: string; pending: string })[]
	>`
		select p.id, su.name as student, a.name as agency, sv.name as supervisor, p.status::text, p.outcome::text,
			p.starts_on, p.ends_on,
			p.required_hours::text as required,
			(p.carried_hours + coalesce(sum(h.hours) filter (where h.status = 'APPROVED'), 0))::text as approved,
			coalesce(sum(h.hours) filter (where h.status = 'PENDING'), 0)::text as pending,
			(p.student_signed_at is not null and p.supervisor_signed_at is not null and p.coordinator_signed_at is not null) as signed,
			max(h.date) as last_activity, max(h.decided_at) as last_decision,
			(p.status = 'ACTIVE' and coalesce(max(h.decided_at), p.created_at) < ${now}::timestamptz - make_interval(days => ${staleDays})) as stale,
			(select string_agg(e.kind::text, ', ' order by e.kind) from practicum_evaluations e where e.placement_id = p.id) as evaluations
		from placements p
		join users su on su.id = p.student_id join users sv on sv.id = p.supervisor_id join organisations a on a.id = p.agency_id
		left join practicum_logs h on h.placement_id = p.id
		where p.university_id = ${universityId}::uuid ${after}
		group by p.id, su.name, a.name, sv.name
		order by su.name, p.id ${page ? Prisma.sql`limit ${page.take}` : Prisma.empty}`;
	return rows.map((r) => ({
		...r,
		required: Number(r.required),
		approved: Number(r.approved),
		pending: Number(r.pending)
	}));
}
