// The coordinator's home: the placements behind on hours, the learning agreements not yet signed by all three, and
// the evaluations due — each the practicum page's rows under the same filter (practicum/cohort-filter.ts).
import type { SessionUser } from '../auth/session';
import { coordinatorCohort } from '../practicum/cohort-view';
import { filterCohort } from '../practicum/cohort-filter';

export interface CoordinatorHome {
	behind: number;
	unsigned: number;
	evaluationsDue: number;
	/** every placement of her university */
	placements: number;
}

export async function coordinatorHome(user: SessionUser, now: Date): Promise<CoordinatorHome> {
	const c = await coordinatorCohort(user, now);
	if (!c) return { behind: 0, unsigned: 0, evaluationsDue: 0, placements: 0 };
	return {
		behind: filterCohort(c.rows, 'behind', c.today).length,
		unsigned: filterCohort(c.rows, 'unsigned', c.today).length,
		evaluationsDue: filterCohort(c.rows, 'evaluation-due', c.today).length,
		placements: c.rows.length
	};
}
