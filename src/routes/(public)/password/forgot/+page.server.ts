import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions } from './$types';
import { requestPasswordReset } from '$lib/server/people/accounts';
import { parseForm } from '$lib/server/forms/parse';
import { email } from '$lib/server/forms/fields';
import { deliver, readForm } from '$lib/server/http';
import { getLocale } from '$lib/paraglide/runtime';

const schema = z.object({ email: email() });

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(schema, await readForm(event));
		if (!parsed.ok) return fail(400, parsed);
		await deliver(await requestPasswordReset(parsed.data.email, event.url.origin, getLocale()));
		return { sent: true, email: parsed.data.email };
	}
};
