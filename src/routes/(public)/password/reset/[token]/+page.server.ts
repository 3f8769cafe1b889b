import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { resetPassword } from '$lib/server/people/accounts';
import { peekEmailToken } from '$lib/server/people/email-tokens';
import { password } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';
import { clearSessionCookie } from '$lib/server/auth/cookies';

const schema = z.object({ password: password() });

export const load: PageServerLoad = async ({ params }) => ({
	valid: await peekEmailToken(params.token, 'RESET_PASSWORD')
});

export const actions: Actions = {
	default: formAction({
		guard: () => null, // the token in the link is the proof
		schema,
		run: async ({ data, event }) => {
			await resetPassword(event.params.token!, data.password);
			clearSessionCookie(event); // every session ended, this browser's too: sign in with the new password
			redirect(303, '/login?reset=1');
		}
	})
};
