import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import {
	chosenProvider,
	programmeChoices,
	createProgramme,
	plainProgramme,
	programmeInput,
	providerOrgs
} from '$lib/server/certificates/programmes';
import { providerProgrammes } from '$lib/server/certificates/programme-lists';
import { programmeFormOptions } from '$lib/server/certificates/forms';
import { partnerOptions } from '$lib/server/certificates/partners';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

async function requireProvider() {
	const user = requireUser();
	const orgs = await providerOrgs(user);
	if (!orgs.length) error(403, m.error_forbidden());
	return { user, orgs };
}

export const load: PageServerLoad = async () => {
	const { orgs } = await requireProvider();
	return {
		orgs,
		programmes: (await providerProgrammes(orgs.map((o) => o.id))).map(plainProgramme),
		...programmeFormOptions(),
		partners: await partnerOptions(orgs),
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	create: formAction({
		guard: () => requireProvider(),
		run: async ({ user: { user, orgs }, form, once }) => {
			const input = programmeInput(form);
			const { id } = await createProgramme(user, chosenProvider(orgs, form.get('providerId')), input, once);
			redirect(303, `/provider/programmes/${id}`);
		},
		claimsKey: true,
		refill: programmeChoices
	})
};
