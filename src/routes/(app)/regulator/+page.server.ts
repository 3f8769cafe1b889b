import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { claimDecisionSchema, decideClaim, pendingClaims, searchLicences } from '$lib/server/licensing/licences';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRegulator();
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const [results, claims] = await Promise.all([searchLicences(user, q), pendingClaims(user)]);
	return { q, results, claims };
};

export const actions: Actions = {
	claim: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(claimDecisionSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await decideClaim(user, parsed.data.claimId, parsed.data.decision, event.url.origin);
		} catch (e) {
			return failFrom(e, form);
		}
		return { claimDecided: parsed.data.decision };
	}
};
