import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { outcomeSchema, recordOutcome, sampleDetail } from '$lib/server/licensing/audits';
import { formAction, guarded } from '$lib/server/http';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireRegulator();
	const s = await guarded(() => sampleDetail(user, params.sample));
	return { sample: { ...s, percent: Number(s.percent), populationSize: s.population.length, population: undefined } };
};

export const actions: Actions = {
	// one form per item: a refusal is shown beside the item whose itemId was posted (values.itemId)
	default: formAction({
		guard: () => requireRegulator(),
		schema: outcomeSchema,
		run: async ({ user, data, event }) => {
			await recordOutcome(user, data, event.url.origin);
			return { recorded: true };
		}
	})
};
