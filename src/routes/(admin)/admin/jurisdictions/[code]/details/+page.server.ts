import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { jurisdictionEditSchema, timeZones, updateJurisdiction } from '$lib/server/setup/jurisdictions';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ params }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	const { code, name, timeZone, defaultLocale } = jurisdiction;
	return { jurisdiction: { code, name, timeZone, defaultLocale }, timeZones: timeZones() };
};

export const actions: Actions = {
	// name, time zone and language: a global administrator or this jurisdiction's; the code never changes
	default: formAction({
		guard: (event) => requireJurisdictionAdmin(event.params.code!),
		schema: jurisdictionEditSchema,
		run: ({ user: { user, jurisdiction }, data }) => updateJurisdiction(user, jurisdiction.id, data)
	})
};
