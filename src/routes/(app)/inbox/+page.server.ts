import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { inbox, markAllRead } from '$lib/server/people/notifications';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return await inbox(user.id);
};

export const actions: Actions = {
	read: formAction({
		guard: () => requireUser(),
		run: async ({ user }) => {
			await markAllRead(user.id);
		}
	})
};
