import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { resetPassword } from '$lib/server/people/accounts';
import { peekEmailToken } from '$lib/server/people/email-tokens';
import { parseForm } from '$lib/server/forms/parse';
import { password } from '$lib/server/forms/fields';
import { failFrom, readForm } from '$lib/server/http';
import { clearSessionCookie } from '$lib/server/auth/cookies';

const schema = z.object({ password: password() });

export const load: PageServerLoad = async ({ params }) => ({
	valid: await peekEmailToken(params.token, 'RESET_PASSWORD')
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await resetPassword(event.params.token, parsed.data.password);
		} catch (e) {
			return failFrom(e, form);
		}
		clearSessionCookie(event); // every session ended, this browser's too: sign in with the new password
		redirect(303, '/login?reset=1');
	}
};
