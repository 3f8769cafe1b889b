import { db } from '../db';

/** The jurisdiction a learner's records belong to (their workforce record's, else their learner role's) and its
 *  time zone, in which "today" is judged. */
export async function learnerContext(userId: string): Promise<{ jurisdictionId: string | null; timeZone: string }> {
	// the rule is the database functions (migration …_learner_rules), which the module page's statement calls too
	const [row] = await db.$queryRaw<{ id: string | null; time_zone: string }[]>`
		select learner_jurisdiction(${userId}::uuid) as id, learner_time_zone(${userId}::uuid) as time_zone`;
	return { jurisdictionId: row.id, timeZone: row.time_zone };
}
