import type { PageServerLoad } from './$types';
import { getContent, localFramework } from '$lib/server/content';

export const load: PageServerLoad = () => {
	const { modules } = getContent();
	const framework = localFramework();
	return {
		info: { title: framework.info.title, version: framework.info.version, description: framework.info.description },
		levels: framework.levels.map((l) => ({ id: l.id, title: l.title, description: l.description })),
		tracks: framework.tracks.map((t) => ({
			id: t.id,
			title: t.title,
			description: t.description,
			competencies: framework.competencies.filter((c) => c.track === t.id).length,
			modules: modules.filter((mod) => !mod.draft && mod.track === t.id).length
		}))
	};
};
