import { db } from '../db';

/** The jurisdiction a learner's records belong to (their workforce record's, else their learner role's) and its
 *  time zone, in which "today" is judged. */
export async function learnerContext(userId: string): Promise<{ jurisdictionId: string | null; timeZone: string }> {
	const rows = await db.$queryRaw<{ id: string | null; time_zone: string | null }[]>`
		select j.id, j.time_zone from jurisdictions j
		where j.id = coalesce(
			(select w.jurisdiction_id from worker_profiles w where w.user_id = ${userId}::uuid),
			(select coalesce(m.jurisdiction_id, o.jurisdiction_id) from memberships m left join organisations o on o.id = m.organisation_id
				where m.user_id = ${userId}::uuid and (m.jurisdiction_id is not null or o.id is not null) order by m.created_at limit 1))`;
	return { jurisdictionId: rows[0]?.id ?? null, timeZone: rows[0]?.time_zone ?? 'UTC' };
}
