import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { formAction, guarded } from '$lib/server/http';
import { text, optionalText, uuid } from '$lib/server/forms/fields';
import { copyStart, requireAuthorProviders, startModule } from '$lib/server/authoring/editor';
import { localFramework } from '$lib/server/content';

const startSchema = z.object({
	providerId: uuid(),
	id: text(80),
	title: text(200),
	track: text(80),
	copiedFrom: optionalText(80)
});

export const load: PageServerLoad = async ({ url }) => {
	const user = requireAuthoring();
	const providers = await guarded(() => requireAuthorProviders(user));
	return {
		providers: providers.map((p) => ({ value: p.id, label: p.name })),
		tracks: localFramework().tracks.map((t) => ({ value: t.id, label: t.title })),
		copy: await copyStart(url.searchParams.get('copy') ?? '')
	};
};

export const actions: Actions = {
	create: formAction({
		guard: () => requireAuthoring(),
		schema: startSchema,
		run: async ({ user, data }) => {
			const { id } = await startModule(user, data);
			redirect(303, `/provider/modules/${id}/edit`);
		}
	})
};
