import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { confirmImport, discardImport, importJob } from '$lib/server/imports/run';
import '$lib/server/imports/kinds';
import { formAction } from '$lib/server/http';
import { DomainError } from '$lib/server/errors';

const jobOf = async (id: string) => {
	try {
		return await importJob(requireUser(), id);
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};

export const load: PageServerLoad = async ({ params }) => ({ job: await jobOf(params.job) });

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
