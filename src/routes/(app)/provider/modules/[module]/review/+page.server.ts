import type { Actions, PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { guarded, formAction } from '$lib/server/http';
import { publishDraft, returnDraft } from '$lib/server/authoring/store';
import { returnSchema, reviewPage } from '$lib/server/authoring/review-page';

/** A submitted module's check-your-answers page (404 for another provider's module: reviewPage). */
export const load: PageServerLoad = async ({ params }) => {
	const user = requireAuthoring();
	return { page: await guarded(() => reviewPage(user, params.module)) };
};

export const actions: Actions = {
	publish: formAction({
		guard: () => requireAuthoring(),
		run: async ({ user, event }) => {
			const { number, termsCarried } = await publishDraft(user, event.params.module!);
			return { published: number, termsCarried };
		},
		name: 'publish'
	}),
	return: formAction({
		guard: () => requireAuthoring(),
		schema: returnSchema,
		run: async ({ user, data, event }) => {
			await returnDraft(user, event.params.module!, data.note);
			return { returned: true };
		},
		name: 'return'
	})
};
