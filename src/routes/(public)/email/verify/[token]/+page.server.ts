import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { verifyEmail } from '$lib/server/people/accounts';
import { peekEmailToken } from '$lib/server/people/email-tokens';
import { failFrom, readForm } from '$lib/server/http';

// Opening the link only shows a button: mail scanners that prefetch links must not use the token up.
export const load: PageServerLoad = async ({ params }) => ({
	valid: await peekEmailToken(params.token, 'VERIFY_EMAIL')
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event);
		try {
			await verifyEmail(event.params.token);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, event.locals.user ? '/dashboard?verified=1' : '/login?verified=1');
	}
};
