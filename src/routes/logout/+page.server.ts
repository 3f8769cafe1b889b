import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookies';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		if (event.locals.sessionId) await invalidateSession(event.locals.sessionId);
		clearSessionCookie(event);
		redirect(303, '/login?loggedOut=1');
	}
};
