import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireAnyAdmin } from '$lib/server/auth/guards';
import { listJurisdictions } from '$lib/server/setup/jurisdictions';

/** The workforce import moved under each jurisdiction: one jurisdiction goes straight to its page, else the list. */
export const load: PageServerLoad = async () => {
	const codes = (await listJurisdictions(requireAnyAdmin())).map((j) => j.code);
	redirect(303, codes.length === 1 ? `/admin/jurisdictions/${codes[0]}/workforce` : '/admin/jurisdictions');
};
