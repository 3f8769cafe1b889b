import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { formAction } from '$lib/server/http';
import { uuid } from '$lib/server/forms/fields';
import { authoringProviders } from '$lib/server/authoring/store';
import { IMPORT_LIMITS, importHeld, previewImport } from '$lib/server/authoring/import';

export const load: PageServerLoad = async () => {
	const user = requireAuthoring();
	return {
		providers: await authoringProviders(user),
		maxMb: Math.round(IMPORT_LIMITS.maxBytes / 1024 / 1024)
	};
};

export const actions: Actions = {
	/** upload: read and check the package; a refused one saves nothing, a good one is held for the confirmation */
	check: formAction({
		guard: () => requireAuthoring(),
		schema: z.object({ providerId: uuid() }),
		run: async ({ user, data, form }) => {
			const preview = await previewImport(user, data.providerId, form);
			if (!preview.ok) return fail(400, { problems: preview.problems, values: { providerId: data.providerId } });
			return { preview };
		},
		name: 'check'
	}),
	/** confirm: the held package read again, each module a draft of the provider */
	confirm: formAction({
		guard: () => requireAuthoring(),
		schema: z.object({ providerId: uuid(), held: z.string().regex(/^[0-9a-f]{32}$/) }),
		run: async ({ user, data }) => ({ imported: (await importHeld(user, data.providerId, data.held)).ids }),
		name: 'confirm'
	})
};
