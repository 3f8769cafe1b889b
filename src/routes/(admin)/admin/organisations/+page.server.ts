import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { organisations } from '$lib/server/admin/directory';
import { formAction } from '$lib/server/http';
import { retentionSchema, retentionSettings, setRetention } from '$lib/server/privacy/retention';

export const load: PageServerLoad = async () => {
	const admin = requireRole('ADMIN');
	const [orgs, retention] = await Promise.all([organisations(), retentionSettings(admin)]);
	return { organisations: orgs, retention };
};

export const actions: Actions = {
	// each jurisdiction's evidence retention period (also set by its regulator on /regulator/rules)
	retention: formAction({
		guard: () => requireRole('ADMIN'),
		schema: retentionSchema,
		run: async ({ user: admin, data }) => {
			await setRetention(admin, data);
			return { retentionSaved: data.jurisdictionId };
		},
		name: 'retention'
	})
};
