import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { claimDecisionSchema, decideClaim, pendingClaims, searchLicences } from '$lib/server/licensing/licences';
import { formAction } from '$lib/server/http';
import { regulatorHome } from '$lib/server/home/regulator';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRegulator();
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	const [results, claims, counts] = await Promise.all([
		searchLicences(user, q),
		pendingClaims(user),
		regulatorHome(user)
	]);
	return { q, results, claims, counts };
};

export const actions: Actions = {
	claim: formAction({
		guard: () => requireRegulator(),
		schema: claimDecisionSchema,
		run: async ({ user, data, event }) => {
			await decideClaim(user, data.claimId, data.decision, event.url.origin);
			return { claimDecided: data.decision };
		}
	})
};
