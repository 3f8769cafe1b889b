import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { requiredJurisdiction } from '$lib/server/indicators/context';
import { assertScoresAny, qaPage } from '$lib/server/indicators/qa-page';
import { descriptorSchema, saveDescriptors, scoreCriterion, scoreSchema } from '$lib/server/indicators/qa';
import { formAction, guarded } from '$lib/server/http';

// Readers of the indicators and the jurisdiction's assigned scorer (its regulator, ministry or partner: access.ts)
// see the page; anyone else gets 403 from the domain.
export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	return { ...(await guarded(() => qaPage(user, url.searchParams))), saved: url.searchParams.get('saved') };
};

/** Someone who scores some jurisdiction's 3.a.1 (403 for anyone else); the domain checks the jurisdiction posted. */
const scorer = async () => {
	const user = requireUser();
	await guarded(() => assertScoresAny(user));
	return user;
};

// Each criterion has its forms: an answer names the criterion, a refusal through values.criterion. A saved score
// shows its period's scorecard, with the criterion named (`saved`).
export const actions: Actions = {
	score: formAction({
		guard: scorer,
		schema: scoreSchema,
		run: async ({ user, data, form }) => {
			const j = await requiredJurisdiction(form.get('jurisdiction'));
			await scoreCriterion(user, j.id, data);
			const q = new URLSearchParams({ jurisdiction: j.code, period: String(data.period), saved: `${data.criterion}` });
			redirect(303, `/reports/indicators/qa?${q}#c${data.criterion}-h`);
		},
		name: 'score'
	}),
	descriptors: formAction({
		guard: scorer,
		schema: descriptorSchema,
		run: async ({ user, data, form }) => {
			await saveDescriptors(user, (await requiredJurisdiction(form.get('jurisdiction'))).id, data);
			return { criterion: String(data.criterion), saved: true };
		},
		name: 'descriptors'
	})
};
