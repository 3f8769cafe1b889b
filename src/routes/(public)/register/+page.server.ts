import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { register, registerSchema, registrationJurisdictions } from '$lib/server/people/accounts';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { formAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import { PRIVACY_NOTICE_VERSION } from '$lib/server/privacy/notice';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/dashboard');
	return { jurisdictions: await registrationJurisdictions(), privacyVersion: PRIVACY_NOTICE_VERSION };
};

export const actions: Actions = {
	default: formAction({
		guard: () => null, // anyone may register
		schema: registerSchema,
		run: async ({ data, event }) => {
			const { user } = await register(data, event.url.origin, getLocale());
			const { token, expiresAt } = await createSession(user.id);
			setSessionCookie(event, token, expiresAt);
			redirect(303, '/dashboard?registered=1');
		}
	})
};
