import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { workforceJob } from '$lib/server/indicators/workforce-import';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireRole('ADMIN');
	const job = await workforceJob(user, params.job);
	if (!job) error(404, m.not_found());
	return { job };
};
