import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { acceptAsNewUser, acceptAsUser, acceptNewSchema, findInvitation } from '$lib/server/people/invitations';
import { createSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { formAction } from '$lib/server/http';
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
	accept: formAction({
		guard: () => requireUser(),
		run: async ({ user, event }) => {
			await acceptAsUser(event.params.token!, user, event.url.origin);
			redirect(303, '/dashboard?joined=1');
		}
	}),
	create: formAction({
		guard: () => null, // a new account: the token in the link is the proof
		schema: acceptNewSchema,
		run: async ({ data, event }) => {
			const user = await acceptAsNewUser(event.params.token!, data, getLocale(), event.url.origin);
			const { token, expiresAt } = await createSession(user.id);
			setSessionCookie(event, token, expiresAt);
			redirect(303, '/dashboard?joined=1');
		}
	})
};
