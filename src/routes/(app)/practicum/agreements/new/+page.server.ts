import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { agreementSchema, createAgreement } from '$lib/server/practicum/placements';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	requireCoordinator();
	return {
		agencies: await db.organisation.findMany({
			where: { type: { in: ['GOVERNMENT_AGENCY', 'NGO'] } },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireCoordinator();
		const form = await readForm(event);
		const parsed = parseForm(agreementSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const file = form.get('document');
		try {
			await createAgreement(user, parsed.data, file instanceof File && file.size ? file : null);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, '/practicum/placements/new?agreement=created');
	}
};
