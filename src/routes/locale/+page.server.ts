import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/http';
import { locales } from '$lib/paraglide/runtime';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const locale = String(form.get('locale') ?? '');
		const next = String(form.get('next') ?? '/');
		if ((locales as readonly string[]).includes(locale)) {
			event.cookies.set('PARAGLIDE_LOCALE', locale, {
				path: '/',
				httpOnly: false,
				sameSite: 'lax',
				maxAge: 31_536_000,
				secure: event.url.protocol === 'https:'
			});
			if (event.locals.user) await db.user.update({ where: { id: event.locals.user.id }, data: { locale } });
		}
		// only same-site paths, so the form cannot be used as an open redirect
		redirect(303, next.startsWith('/') && !next.startsWith('//') ? next : '/');
	}
};
