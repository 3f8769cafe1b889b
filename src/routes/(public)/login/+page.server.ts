import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { attemptLogin } from '$lib/server/auth/login';
import { createSession } from '$lib/server/auth/session';
import { browserLocale, setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { setLocale } from '$lib/server/people/accounts';
import { localeAtSignIn } from '$lib/server/people/locale';
import { email, password } from '$lib/server/forms/fields';
import { clientIp, formAction } from '$lib/server/http';
import { safeRedirectTarget } from '$lib/server/redirect';

const schema = z.object({ email: email(), password: password() });

const safeNext = (next: string | null) => safeRedirectTarget(next, '/dashboard');

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {
		loggedOut: url.searchParams.has('loggedOut'),
		reset: url.searchParams.has('reset'),
		verified: url.searchParams.has('verified')
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => null, // signing in is for anyone
		schema,
		run: async ({ data, event }) => {
			const user = await attemptLogin(data.email, data.password, clientIp(event));
			const { token, expiresAt } = await createSession(user.id);
			setSessionCookie(event, token, expiresAt);
			const { locale, storeOnAccount } = localeAtSignIn(user.locale, browserLocale(event));
			if (storeOnAccount && locale) await setLocale(user.id, locale);
			if (locale) setLocaleCookie(event, locale);
			redirect(303, safeNext(event.url.searchParams.get('next')));
		}
	})
};
