import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { createToken, listTokens, revokeToken, tokenSchema } from '$lib/server/licensing/api-tokens';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { tokens: await listTokens(user) };
};

export const actions: Actions = {
	create: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(tokenSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		return { token: await createToken(user, parsed.data.name) };
	},
	revoke: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(z.object({ id: z.string().uuid() }), form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await revokeToken(user, parsed.data.id);
		} catch (e) {
			return failFrom(e, form);
		}
		return { revoked: true };
	}
};
