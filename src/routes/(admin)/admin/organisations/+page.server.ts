import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { organisations } from '$lib/server/admin/directory';

export const load: PageServerLoad = async () => {
	requireRole('ADMIN');
	return { organisations: await organisations() };
};
