import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { myOverview } from '$lib/server/people/profile';
import { resendVerification } from '$lib/server/people/accounts';
import { formAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	return {
		...(await myOverview(user.id)),
		flash: url.searchParams.get('verified') ? 'verified' : url.searchParams.get('joined') ? 'joined' : null
	};
};

export const actions: Actions = {
	resend: formAction({
		guard: () => requireUser(),
		run: async ({ user, event }) => {
			await resendVerification(user.id, event.url.origin, getLocale());
			return { resent: true };
		}
	})
};
