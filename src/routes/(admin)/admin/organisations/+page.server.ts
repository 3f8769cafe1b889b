import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { organisations } from '$lib/server/admin/directory';
import { listJurisdictions } from '$lib/server/setup/jurisdictions';
import { formAction } from '$lib/server/http';
import { retentionSchema, retentionSettings, setRetention } from '$lib/server/privacy/retention';

// Every jurisdiction's organisations at a glance (global administrators); each is added and edited on its
// jurisdiction's page, /admin/jurisdictions/[code]/organisations.
export const load: PageServerLoad = async () => {
	const admin = requireAdmin();
	const [orgs, jurisdictions, retention] = await Promise.all([
		organisations(),
		listJurisdictions(admin),
		retentionSettings(admin)
	]);
	return {
		organisations: orgs,
		jurisdictions: jurisdictions.map((j) => ({ code: j.code, name: j.name, count: j._count.organisations })),
		retention
	};
};

export const actions: Actions = {
	// each jurisdiction's evidence retention period (also set by its regulator on /regulator/rules)
	retention: formAction({
		guard: () => requireAdmin(),
		schema: retentionSchema,
		run: async ({ user: admin, data }) => {
			await setRetention(admin, data);
			return { retentionSaved: data.jurisdictionId };
		},
		name: 'retention'
	})
};
