import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { catalogue } from '$lib/server/learning/catalogue';
import { localFramework } from '$lib/server/content';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const framework = localFramework();
	const pick = (k: string, allowed: string[]) => {
		const v = url.searchParams.get(k) ?? '';
		return allowed.includes(v) ? v : undefined;
	};
	const filters = {
		track: pick(
			'track',
			framework.tracks.map((t) => t.id)
		),
		level: pick(
			'level',
			framework.levels.map((l) => l.id)
		),
		competency: pick(
			'competency',
			framework.competencies.map((c) => c.id)
		)
	};
	return {
		filters,
		modules: await catalogue(user, filters),
		tracks: framework.tracks.map((t) => ({ id: t.id, title: t.title })),
		levels: framework.levels.map((l) => ({ id: l.id, title: l.title })),
		competencies: framework.competencies
			.filter((c) => !filters.track || c.track === filters.track)
			.map((c) => ({ id: c.id, title: c.title }))
	};
};
