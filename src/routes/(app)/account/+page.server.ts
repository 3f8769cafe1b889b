import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changePassword } from '$lib/server/people/accounts';
import { password } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

const schema = z.object({ currentPassword: password(), newPassword: password() });

export const load: PageServerLoad = () => {
	requireUser();
	return {};
};

export const actions: Actions = {
	password: formAction({
		guard: () => requireUser(),
		schema,
		run: async ({ user, data, event }) => ({
			changed: true,
			ended: await changePassword(user.id, data.currentPassword, data.newPassword, event.locals.sessionId!)
		})
	})
};
