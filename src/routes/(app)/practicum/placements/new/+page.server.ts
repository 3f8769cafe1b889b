import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { coordinatedUniversities, createPlacement, placementSchema } from '$lib/server/practicum/placements';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireCoordinator();
	const agreements = await db.fieldAgreement.findMany({
		where: { universityId: { in: coordinatedUniversities(user) } },
		orderBy: { createdAt: 'desc' },
		select: { id: true, reference: true, startsOn: true, endsOn: true }
	});
	return { agreements, created: url.searchParams.get('agreement') === 'created' };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireCoordinator();
		const form = await readForm(event);
		const parsed = parseForm(placementSchema(), form);
		if (!parsed.ok) return fail(400, parsed);
		let id: string;
		try {
			id = (await createPlacement(user, parsed.data)).id;
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, `/practicum/placements/${id}`);
	}
};
