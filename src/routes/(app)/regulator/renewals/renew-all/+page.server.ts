import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { bulkRenewalPlan, bulkRenewalSchema, renewAllCompliant } from '$lib/server/licensing/bulk-renewal';
import { formAction } from '$lib/server/http';

// check your answers: the licences that will be renewed and those that will not, each with its reason
export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { plan: await bulkRenewalPlan(user) };
};

// the confirm: renews exactly the licences the page listed, and answers with a result per licence
export const actions: Actions = {
	default: formAction({
		guard: () => requireRegulator(),
		schema: bulkRenewalSchema,
		run: async ({ user, data, event }) => ({ results: await renewAllCompliant(user, data.items, event.url.origin) })
	})
};
