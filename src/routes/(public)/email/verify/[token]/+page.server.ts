import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { verifyEmail } from '$lib/server/people/accounts';
import { peekEmailToken } from '$lib/server/people/email-tokens';
import { formAction } from '$lib/server/http';

// Opening the link only shows a button: mail scanners that prefetch links must not use the token up.
export const load: PageServerLoad = async ({ params }) => ({
	valid: await peekEmailToken(params.token, 'VERIFY_EMAIL')
});

export const actions: Actions = {
	default: formAction({
		guard: () => null, // the token in the link is the proof, signed in or not
		run: async ({ event }) => {
			await verifyEmail(event.params.token!, event.url.origin);
			redirect(303, event.locals.user ? '/dashboard?verified=1' : '/login?verified=1');
		}
	})
};
