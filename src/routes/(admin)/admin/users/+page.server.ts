import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { searchUsers } from '$lib/server/admin/directory';

export const load: PageServerLoad = async ({ url }) => {
	requireAdmin();
	const q = url.searchParams.get('q') ?? '';
	const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
	return { q, page, ...(await searchUsers(q, page)) };
};
