import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn, requireUser } from '$lib/server/auth/guards';
import { myOverview } from '$lib/server/people/profile';
import { resendVerification } from '$lib/server/people/accounts';
import { homeFor } from '$lib/server/home';
import { clientIp, formAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const [overview, home] = await Promise.all([myOverview(user.id), homeFor(user)]);
	return {
		...overview,
		home,
		flash: url.searchParams.get('verified') ? 'verified' : url.searchParams.get('joined') ? 'joined' : null
	};
};

export const actions: Actions = {
	resend: formAction({
		guard: () => requireSignedIn(), // the link again: needed before confirming
		run: async ({ user, event }) => {
			await resendVerification(user.id, event.url.origin, getLocale(), clientIp(event));
			return { resent: true };
		}
	})
};
