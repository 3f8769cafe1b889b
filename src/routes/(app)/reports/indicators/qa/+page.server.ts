import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { requiredJurisdiction } from '$lib/server/indicators/context';
import { canScoreQa } from '$lib/server/indicators/access';
import { descriptorSchema, saveDescriptors, scoreCriterion, scorecard, scoreSchema } from '$lib/server/indicators/qa';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		card: await scorecard(ctx.jurisdiction.id),
		canScore: canScoreQa(user, ctx.jurisdiction.id)
	};
};

// Only the jurisdiction's regulator changes anything here (the domain checks it): analysts and admins read (403 on
// any post). Each criterion has its forms: an answer names the criterion, a refusal through values.criterion.
export const actions: Actions = {
	score: formAction({
		guard: () => requireRole('REGULATOR'),
		schema: scoreSchema,
		run: async ({ user, data, form }) => {
			await scoreCriterion(user, (await requiredJurisdiction(form.get('jurisdiction'))).id, data);
			return { criterion: String(data.criterion), saved: true };
		},
		name: 'score'
	}),
	descriptors: formAction({
		guard: () => requireRole('REGULATOR'),
		schema: descriptorSchema,
		run: async ({ user, data, form }) => {
			await saveDescriptors(user, (await requiredJurisdiction(form.get('jurisdiction'))).id, data);
			return { criterion: String(data.criterion), saved: true };
		},
		name: 'descriptors'
	})
};
