import type { PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { recentAudit } from '$lib/server/admin/directory';

export const load: PageServerLoad = async () => {
	requireAdmin();
	const events = await recentAudit();
	return { events: events.map((e) => ({ ...e, id: e.id.toString(), data: e.data ? JSON.stringify(e.data) : '' })) };
};
