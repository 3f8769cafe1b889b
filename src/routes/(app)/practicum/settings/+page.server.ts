import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { formAction, guarded } from '$lib/server/http';
import {
	editableUniversity,
	practicumSettingsPage,
	practicumSettingsSchema,
	savePracticumSettings
} from '$lib/server/practicum/settings';

/** The coordinator's university, or ?university=<id> for an administrator of its jurisdiction. */
const chosen = (url: URL) => url.searchParams.get('university') ?? undefined;

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const university = await guarded(() => editableUniversity(user, chosen(url)));
	return { university: university.name, ...(await practicumSettingsPage(university.id)) };
};

export const actions: Actions = {
	default: formAction({
		guard: async (event) => {
			const user = requireUser();
			await guarded(() => editableUniversity(user, chosen(event.url)));
			return user;
		},
		schema: practicumSettingsSchema,
		run: async ({ user, data, event }) => ({
			saved: (await savePracticumSettings(user, chosen(event.url), data)).version
		})
	})
};
