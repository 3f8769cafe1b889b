import type { PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { providerModules } from '$lib/server/authoring/editor';

export const load: PageServerLoad = async () => {
	const user = requireAuthoring();
	const { providers, authored, library } = await guarded(() => providerModules(user));
	return {
		providers: providers.map((p) => ({ slug: p.slug, name: p.name })),
		authored: authored.map((a) => ({
			id: a.id,
			title: a.title,
			providerName: a.providerName,
			status: a.status,
			hasDraft: a.hasDraft,
			latestNumber: a.latestNumber,
			updatedAt: a.updatedAt,
			editors: a.editors.filter(Boolean),
			submittedBy: a.submittedBy,
			returnedNote: a.returnedNote,
			mayReview: a.mayReview
		})),
		library
	};
};
