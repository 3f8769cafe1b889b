import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { myCompetencies } from '$lib/server/learning/evidence';
import { localFramework } from '$lib/server/content';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const levels = localFramework().levels.map((l) => ({ id: l.id, title: l.title }));
	return { groups: await myCompetencies(user.id), levels };
};
