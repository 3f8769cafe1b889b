import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { canInvite } from '$lib/server/people/roles';
import { invite, inviteSchema, waitingInvitations } from '$lib/server/people/invitations';
import { inviteChoices } from '$lib/server/people/scopes';
import { formAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

/** Only people who may grant some role can open or post the invite form. */
function requireInviter() {
	const user = requireUser();
	if (!canInvite(user)) error(403, m.error_forbidden());
	return user;
}

export const load: PageServerLoad = async () => {
	const user = requireInviter();
	const [choices, waiting] = await Promise.all([inviteChoices(user), waitingInvitations(user)]);
	return { choices, waiting };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireInviter(),
		schema: inviteSchema,
		run: async ({ user, data, event }) => {
			await invite(user, data, event.url.origin, getLocale());
			return { sent: data.email };
		}
	})
};
