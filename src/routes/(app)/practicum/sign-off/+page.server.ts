import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { decideHours, decisionSchema, signOffQueue, tickedEntries } from '$lib/server/practicum/hours';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => ({ entries: await signOffQueue(requireUser()) });

export const actions: Actions = {
	default: formAction({
		guard: () => requireUser(),
		schema: decisionSchema,
		run: async ({ user, data, form, event }) => ({
			decided: await decideHours(user, tickedEntries(form), data.decision, data.comment, event.url.origin)
		})
	})
};
