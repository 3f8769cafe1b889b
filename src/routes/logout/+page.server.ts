import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	// anyone may sign out, signed in or not (an expired session still clears its cookie)
	default: formAction({
		guard: (event) => event.locals.sessionId ?? null,
		run: async ({ user: sessionId, event }) => {
			if (sessionId) await invalidateSession(sessionId);
			clearSessionCookie(event);
			redirect(303, '/login?loggedOut=1');
		}
	})
};
