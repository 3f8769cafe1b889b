import type { PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { renewalQueue } from '$lib/server/licensing/licences';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { queue: await renewalQueue(user) };
};
