import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { changePassword } from '$lib/server/people/accounts';
import { parseForm } from '$lib/server/forms/parse';
import { password } from '$lib/server/forms/fields';
import { failFrom, readForm } from '$lib/server/http';

const schema = z.object({ currentPassword: password(), newPassword: password() });

export const load: PageServerLoad = () => {
	requireUser();
	return {};
};

export const actions: Actions = {
	password: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			const ended = await changePassword(
				user.id,
				parsed.data.currentPassword,
				parsed.data.newPassword,
				event.locals.sessionId!
			);
			return { changed: true, ended };
		} catch (e) {
			return failFrom(e, form);
		}
	}
};
