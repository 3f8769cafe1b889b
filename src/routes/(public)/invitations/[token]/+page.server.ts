import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptAsNewUser, acceptAsUser, acceptNewSchema, findInvitation } from '$lib/server/people/invitations';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { requireUser } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { PRIVACY_NOTICE_VERSION } from '$lib/server/privacy/notice';

export const load: PageServerLoad = async ({ params, locals }) => {
	const inv = await findInvitation(params.token);
	if (!inv) error(404, m.token_invalid());
	return {
		invitation: {
			email: inv.email,
			role: inv.role,
			scope: inv.organisation?.name ?? inv.jurisdiction?.name ?? null,
			invitedBy: inv.invitedBy.name,
			hasAccount: inv.hasAccount
		},
		signedInAs: locals.user?.email ?? null,
		privacyVersion: PRIVACY_NOTICE_VERSION
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const form = await readForm(event);
		const user = requireUser();
		try {
			await acceptAsUser(event.params.token, user);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, '/dashboard?joined=1');
	},
	create: async (event) => {
		const form = await readForm(event);
		const parsed = parseForm(acceptNewSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			const user = await acceptAsNewUser(event.params.token, parsed.data, getLocale());
			const { token, expiresAt } = await createSession(user.id);
			setSessionCookie(event, token, expiresAt);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, '/dashboard?joined=1');
	}
};
