import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { agreementSchema, createAgreement } from '$lib/server/practicum/placements';
import { organisationsOfType } from '$lib/server/people/organisations';
import { fileOf } from '$lib/server/forms/upload';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	requireCoordinator();
	return { agencies: await organisationsOfType(['GOVERNMENT_AGENCY', 'NGO']) };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireCoordinator(),
		schema: agreementSchema,
		run: async ({ user, data, form }) => {
			await createAgreement(user, data, fileOf(form, 'document'));
			redirect(303, '/practicum/placements/new?agreement=created');
		}
	})
};
