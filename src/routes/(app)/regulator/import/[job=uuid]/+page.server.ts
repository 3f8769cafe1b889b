import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { importJob } from '$lib/server/licensing/import';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireRegulator();
	const job = await importJob(user, params.job);
	if (!job) error(404, m.not_found());
	return { job: { ...job, report: (job.report ?? []) as { line: number; column: string; message: string }[] } };
};
