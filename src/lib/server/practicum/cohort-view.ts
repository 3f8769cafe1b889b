// The coordinator's cohort as her practicum page shows it, one filter applied: the page and her home both read it
// here, so the home's counts equal the page's rows.
import type { SessionUser } from '../auth/session';
import { fromDate } from '$lib/calendar-day';
import { jurisdictionToday } from '../licensing/licences';
import { coordinatedUniversities } from './placements';
import { cohort } from './cohort';
import { settingsFor } from './hours';
import { filterCohort } from './cohort-filter';

/** The cohort of the university she coordinates (the first) and its jurisdiction's today; null if she coordinates none. */
export async function coordinatorCohort(user: SessionUser, now = new Date()) {
	const uni = coordinatedUniversities(user)[0];
	if (!uni) return null;
	const jurisdiction = user.memberships.find(
		(mem) => mem.role === 'COORDINATOR' && mem.organisationId === uni
	)?.orgJurisdictionId;
	const [settings, today] = await Promise.all([
		settingsFor(uni),
		jurisdiction ? jurisdictionToday(jurisdiction, now) : Promise.resolve(fromDate(now))
	]);
	return { rows: await cohort(uni, settings.staleDays, now), today };
}

/** The rows the practicum page lists under `filter`. */
export async function filteredCohort(user: SessionUser, filter: string, now = new Date()) {
	const c = await coordinatorCohort(user, now);
	return c ? filterCohort(c.rows, filter, c.today) : null;
}
