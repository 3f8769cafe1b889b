import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { createToken, listTokens, revokeToken, tokenSchema } from '$lib/server/licensing/api-tokens';
import { uuid } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { tokens: await listTokens(user) };
};

export const actions: Actions = {
	create: formAction({
		guard: () => requireRegulator(),
		schema: tokenSchema,
		run: async ({ user, data }) => ({ token: await createToken(user, data.name) })
	}),
	revoke: formAction({
		guard: () => requireRegulator(),
		schema: z.object({ id: uuid() }),
		run: async ({ user, data }) => {
			await revokeToken(user, data.id);
			return { revoked: true };
		}
	})
};
