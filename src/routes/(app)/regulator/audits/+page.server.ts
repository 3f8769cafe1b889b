import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { drawSample, sampleSchema, samples } from '$lib/server/licensing/audits';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return {
		samples: (await samples(user)).map((s) => ({ ...s, percent: Number(s.percent), population: s.population.length }))
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireRegulator(),
		schema: sampleSchema,
		run: async ({ user, data, event }) => {
			const { id } = await drawSample(user, data, event.url.origin);
			redirect(303, `/regulator/audits/${id}`);
		}
	})
};
