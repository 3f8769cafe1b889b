import type { PageServerLoad } from './$types';
import { isAdmin, requireAnyAdmin } from '$lib/server/auth/guards';
import { counts } from '$lib/server/admin/directory';
import { listJurisdictions } from '$lib/server/setup/jurisdictions';

/** Global administrators see the whole platform; a jurisdiction's administrator, their jurisdictions only. */
export const load: PageServerLoad = async () => {
	const user = requireAnyAdmin();
	if (isAdmin(user)) return { global: true as const, counts: await counts(), jurisdictions: [] };
	const jurisdictions = (await listJurisdictions(user)).map(({ code, name }) => ({ code, name }));
	return { global: false as const, counts: null, jurisdictions };
};
