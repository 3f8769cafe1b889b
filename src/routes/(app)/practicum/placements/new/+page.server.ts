import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { agreementsOf, createPlacement, placementSchema } from '$lib/server/practicum/placements';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireCoordinator();
	return { agreements: await agreementsOf(user), created: url.searchParams.get('agreement') === 'created' };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireCoordinator(),
		schema: placementSchema(),
		run: async ({ user, data, event }) => {
			const { id } = await createPlacement(user, data, event.url.origin);
			redirect(303, `/practicum/placements/${id}`);
		}
	})
};
