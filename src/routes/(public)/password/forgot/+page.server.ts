import { z } from 'zod';
import type { Actions } from './$types';
import { requestPasswordReset } from '$lib/server/people/accounts';
import { email } from '$lib/server/forms/fields';
import { clientIp, formAction } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';

const schema = z.object({ email: email() });

export const actions: Actions = {
	default: formAction({
		guard: () => null, // anyone may ask; the answer is the same whether the address has an account or not
		schema,
		run: async ({ data, event }) => {
			await requestPasswordReset(data.email, event.url.origin, getLocale(), clientIp(event));
			return { sent: true, email: data.email };
		}
	})
};
