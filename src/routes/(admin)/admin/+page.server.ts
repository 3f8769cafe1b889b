import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { counts } from '$lib/server/admin/directory';

export const load: PageServerLoad = async () => {
	requireRole('ADMIN');
	return { counts: await counts() };
};
