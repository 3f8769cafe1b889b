import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { agreementsOf, createPlacement, PLACEMENT_LISTS, placementSchema } from '$lib/server/practicum/placements';
import { competencyOptions } from '$lib/server/content';
import { formAction } from '$lib/server/http';
import { peopleToSuggest } from '$lib/server/practicum/people';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireCoordinator();
	return {
		agreements: await agreementsOf(user),
		created: url.searchParams.get('agreement') === 'created',
		competencies: competencyOptions(),
		people: await peopleToSuggest(user)
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireCoordinator(),
		schema: placementSchema(),
		lists: PLACEMENT_LISTS,
		refill: (form) => ({ picked: form.getAll('competencies').map(String) }),
		run: async ({ user, data, event }) => {
			const { id } = await createPlacement(user, data, event.url.origin);
			redirect(303, `/practicum/placements/${id}`);
		}
	})
};
