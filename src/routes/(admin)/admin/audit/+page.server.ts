import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { recentAudit } from '$lib/server/admin/directory';

export const load: PageServerLoad = async () => {
	requireRole('ADMIN');
	const events = await recentAudit();
	return { events: events.map((e) => ({ ...e, id: e.id.toString(), data: e.data ? JSON.stringify(e.data) : '' })) };
};
