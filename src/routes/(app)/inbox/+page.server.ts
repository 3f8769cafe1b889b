import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { inbox, markAllRead } from '$lib/server/people/notifications';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { notices: await inbox(user.id) };
};

export const actions: Actions = {
	read: async () => {
		const user = requireUser();
		await markAllRead(user.id);
	}
};
