import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { registerSchema, registrationJurisdictions, requestRegistration } from '$lib/server/people/accounts';
import { clientIp, formAction } from '$lib/server/http';
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
			// the same answer whether or not the address has an account (a mail went to it): nobody is signed in here
			await requestRegistration(data, event.url.origin, getLocale(), clientIp(event));
			return { sent: true, email: data.email };
		}
	})
};
