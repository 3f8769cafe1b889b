import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { isAdmin, requireAdmin, requireAnyAdmin } from '$lib/server/auth/guards';
import { createJurisdiction, jurisdictionSchema, listJurisdictions, timeZones } from '$lib/server/setup/jurisdictions';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';

/** Every administrator sees the jurisdictions they administer; only a global administrator creates one. */
export const load: PageServerLoad = async () => {
	const user = requireAnyAdmin();
	const canCreate = isAdmin(user);
	return {
		jurisdictions: await listJurisdictions(user),
		canCreate,
		timeZones: canCreate ? timeZones() : [],
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireAdmin(),
		schema: jurisdictionSchema,
		run: async ({ user, data, once }) => {
			const j = await createJurisdiction(user, data, once);
			redirect(303, `/admin/jurisdictions/${j.code}?created`);
		},
		claimsKey: true
	})
};
