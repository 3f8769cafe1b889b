import type { PageServerLoad } from './$types';
import { requireAuthoring } from '$lib/server/auth/guards';
import { reviewQueue } from '$lib/server/authoring/review-page';

/** The submitted modules of this person's providers that they may review (never one they edited). */
export const load: PageServerLoad = async () => {
	const user = requireAuthoring();
	return reviewQueue(user);
};
