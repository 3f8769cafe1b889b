import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changePassword } from '$lib/server/people/accounts';
import { myRecordLink, proposeLink, proposeSchema } from '$lib/server/people/link-proposals';
import { password } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

const schema = z.object({ currentPassword: password(), newPassword: password() });

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { link: await myRecordLink(user.id) };
};

export const actions: Actions = {
	password: formAction({
		guard: () => requireUser(),
		schema,
		run: async ({ user, data, event }) => ({
			changed: true,
			ended: await changePassword(user.id, data.currentPassword, data.newPassword, event.locals.sessionId!)
		})
	}),
	// a national worker id only proposes a link: an administrator of the jurisdiction confirms it
	link: formAction({
		guard: () => requireUser(),
		schema: proposeSchema,
		run: async ({ user, data, event }) => {
			await proposeLink(user, data, event.url.origin);
			return { proposed: true };
		},
		name: 'link'
	})
};
