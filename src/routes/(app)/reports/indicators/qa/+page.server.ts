import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { postedJurisdiction } from '$lib/server/indicators/context';
import { assertQaScorer, canScoreQa } from '$lib/server/indicators/access';
import { descriptorSchema, saveDescriptors, scoreCriterion, scorecard, scoreSchema } from '$lib/server/indicators/qa';
import { formValues, parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

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

/** Only the jurisdiction's regulator changes anything here: analysts and admins read (403 on any post). */
async function post(
	event: RequestEvent,
	action: 'score' | 'descriptors',
	write: (form: FormData, j: string) => Promise<Record<string, string> | null>
) {
	const user = requireRole('REGULATOR');
	const form = await readForm(event);
	const criterion = String(form.get('criterion') ?? '');
	try {
		const j = await postedJurisdiction(form.get('jurisdiction'));
		if (!j)
			return fail(400, {
				action,
				criterion,
				errors: {} as Record<string, string>,
				values: {},
				message: m.ind_jurisdiction_missing()
			});
		assertQaScorer(user, j.id);
		const errors = await write(form, j.id);
		if (errors) return fail(400, { action, criterion, errors, values: formValues(form), message: null });
		return { action, criterion, saved: true };
	} catch (e) {
		return failFrom(e, form, { action, criterion });
	}
}

export const actions: Actions = {
	score: async (event) => {
		const user = requireRole('REGULATOR');
		return post(event, 'score', async (form, j) => {
			const parsed = parseForm(scoreSchema, form);
			if (!parsed.ok) return parsed.errors;
			await scoreCriterion(user, j, parsed.data);
			return null;
		});
	},
	descriptors: async (event) => {
		const user = requireRole('REGULATOR');
		return post(event, 'descriptors', async (form, j) => {
			const parsed = parseForm(descriptorSchema, form);
			if (!parsed.ok) return parsed.errors;
			await saveDescriptors(user, j, parsed.data);
			return null;
		});
	}
};
