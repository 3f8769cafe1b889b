import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { formAction, guarded } from '$lib/server/http';
import {
	editableJurisdiction,
	saveSupervisionSettings,
	supervisionSettingsPage,
	supervisionSettingsSchema
} from '$lib/server/supervision/settings';

/** The regulator's jurisdiction, or ?jurisdiction=<code> for its administrator. */
const chosen = (url: URL) => url.searchParams.get('jurisdiction') ?? undefined;

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const j = await guarded(() => editableJurisdiction(user, chosen(url)));
	return { jurisdiction: j.name, ...(await supervisionSettingsPage(j.id)) };
};

export const actions: Actions = {
	default: formAction({
		guard: async (event) => {
			const user = requireUser();
			await guarded(() => editableJurisdiction(user, chosen(event.url)));
			return user;
		},
		schema: supervisionSettingsSchema,
		run: async ({ user, data, event }) => ({
			saved: (await saveSupervisionSettings(user, chosen(event.url), data)).version
		})
	})
};
