import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { decide, decisionSchema, reviewQueue } from '$lib/server/cpd/ledger';
import { formAction } from '$lib/server/http';
import { localFramework } from '$lib/server/content';
import { m } from '$lib/paraglide/messages';

/** Provider admins (their own courses) and regulators (their jurisdiction) review external activities. */
function requireReviewer() {
	const user = requireUser();
	if (!user.memberships.some((mem) => mem.role === 'PROVIDER' || mem.role === 'REGULATOR'))
		error(403, m.error_forbidden());
	return user;
}

export const load: PageServerLoad = async () => {
	const user = requireReviewer();
	const entries = await reviewQueue(user);
	return {
		entries: entries.map((e) => ({
			...e,
			credits: Number(e.credits),
			hours: e.hours === null ? null : Number(e.hours)
		})),
		categoryTitles: localFramework().categories.map((c) => ({ id: c.id, title: c.title }))
	};
};

export const actions: Actions = {
	// the page finds the entry an answer belongs to by the entryId posted back in its values
	default: formAction({
		guard: () => requireReviewer(),
		schema: decisionSchema,
		run: async ({ user, data, event }) => {
			await decide(user, data, event.url.origin);
			return { decided: data.decision };
		}
	})
};
