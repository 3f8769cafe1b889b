import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { confirmImport, discardImport, importJob } from '$lib/server/imports/run';
import '$lib/server/imports/kinds';
import { formAction, guarded } from '$lib/server/http';

export const load: PageServerLoad = async ({ params }) => ({
	job: await guarded(() => importJob(requireUser(), params.job))
});

export const actions: Actions = {
	confirm: formAction({
		guard: requireUser,
		run: async ({ user, event }) => {
			await confirmImport(user, event.params.job!);
			return { confirmed: true };
		},
		name: 'confirm'
	}),
	discard: formAction({
		guard: requireUser,
		run: async ({ user, event }) => {
			await discardImport(user, event.params.job!);
			return { discarded: true };
		},
		name: 'discard'
	})
};
