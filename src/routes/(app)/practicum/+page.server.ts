import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { coordinatedUniversities } from '$lib/server/practicum/placements';
import { filteredCohort } from '$lib/server/practicum/cohort-view';
import { COHORT_FILTERS } from '$lib/server/practicum/cohort-filter';
import { myPlacements } from '$lib/server/practicum/views';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const uni = coordinatedUniversities(user)[0];
	const sort = ['student', 'approved', 'pending', 'last_activity', 'status'].includes(
		url.searchParams.get('sort') ?? ''
	)
		? url.searchParams.get('sort')!
		: 'student';
	const filter = (COHORT_FILTERS as readonly string[]).includes(url.searchParams.get('filter') ?? '')
		? url.searchParams.get('filter')!
		: '';
	// the same rows the coordinator's home counts (practicum/cohort-filter.ts)
	const rows = uni ? ((await filteredCohort(user, filter)) ?? []) : [];
	rows.sort((a, b) => {
		const x = a[sort as keyof typeof a] ?? '';
		const y = b[sort as keyof typeof b] ?? '';
		return typeof x === 'number' && typeof y === 'number' ? y - x : String(x).localeCompare(String(y));
	});
	return { coordinator: !!uni, cohort: rows, sort, filter, mine: await myPlacements(user), userId: user.id };
};
