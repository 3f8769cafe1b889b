import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { register, registerSchema } from '$lib/server/people/accounts';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { parseForm } from '$lib/server/forms/parse';
import { deliver, failFrom, readForm } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import { PRIVACY_NOTICE_VERSION } from '$lib/server/privacy/notice';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user) redirect(303, '/dashboard');
	const jurisdictions = await db.jurisdiction.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
	return { jurisdictions, privacyVersion: PRIVACY_NOTICE_VERSION };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const parsed = parseForm(registerSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			const { user, mailIds } = await register(parsed.data, event.url.origin, getLocale());
			await deliver(mailIds);
			const { token, expiresAt } = await createSession(user.id);
			setSessionCookie(event, token, expiresAt);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, '/dashboard?registered=1');
	}
};
