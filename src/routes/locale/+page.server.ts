import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { setLocale } from '$lib/server/people/accounts';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { formAction } from '$lib/server/http';
import { safeRedirectTarget } from '$lib/server/redirect';
import { locales, type Locale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = () => redirect(303, '/');

const isLocale = (v: string): v is Locale => (locales as readonly string[]).includes(v);

export const actions: Actions = {
	// anyone may switch, signed in or not; a locale we do not have is ignored rather than refused
	default: formAction({
		guard: (event) => event.locals.user,
		run: async ({ user, form, event }) => {
			const locale = String(form.get('locale') ?? '');
			const next = form.get('next');
			if (isLocale(locale)) {
				setLocaleCookie(event, locale, !user);
				if (user) await setLocale(user.id, locale);
			}
			// only same-site paths, so the form cannot be used as an open redirect
			redirect(303, safeRedirectTarget(typeof next === 'string' ? next : null, '/'));
		}
	})
};
