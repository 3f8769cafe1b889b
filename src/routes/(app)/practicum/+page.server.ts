import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { coordinatedUniversities } from '$lib/server/practicum/placements';
import { cohort } from '$lib/server/practicum/cohort';
import { settingsFor } from '$lib/server/practicum/hours';
import { myPlacements } from '$lib/server/practicum/views';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const uni = coordinatedUniversities(user)[0];
	const sort = ['student', 'approved', 'pending', 'last_activity', 'status'].includes(
		url.searchParams.get('sort') ?? ''
	)
		? url.searchParams.get('sort')!
		: 'student';
	const filter = url.searchParams.get('filter') ?? '';
	let rows = uni ? await cohort(uni, (await settingsFor(uni)).staleDays) : [];
	if (filter === 'stale') rows = rows.filter((r) => r.stale);
	if (filter === 'pending') rows = rows.filter((r) => r.pending > 0);
	rows.sort((a, b) => {
		const x = a[sort as keyof typeof a] ?? '';
		const y = b[sort as keyof typeof b] ?? '';
		return typeof x === 'number' && typeof y === 'number' ? y - x : String(x).localeCompare(String(y));
	});
	return { coordinator: !!uni, cohort: rows, sort, filter, mine: await myPlacements(user), userId: user.id };
};
