import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { decide, decisionSchema, reviewQueue } from '$lib/server/cpd/ledger';
import { parseForm } from '$lib/server/forms/parse';
import { deliver, failFrom, readForm } from '$lib/server/http';
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
	return { entries: entries.map((e) => ({ ...e, credits: Number(e.credits) })) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireReviewer();
		const form = await readForm(event);
		const parsed = parseForm(decisionSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, entryId: String(form.get('entryId') ?? '') });
		try {
			await deliver([await decide(user, parsed.data, event.url.origin)]);
		} catch (e) {
			return failFrom(e, form, { entryId: parsed.data.entryId });
		}
		return { decided: parsed.data.decision };
	}
};
