import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { workerRecord } from '$lib/server/workforce/register-record';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	return { worker: await guarded(() => workerRecord(user, params.worker)) };
};
