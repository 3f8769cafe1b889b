import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { placementView } from '$lib/server/practicum/views';
import {
	endEarly,
	endSchema,
	outcomeSchema,
	recordOutcome,
	signLearningAgreement,
	transfer,
	transferSchema
} from '$lib/server/practicum/placements';
import {
	decideHours,
	decisionSchema,
	HOURS_LISTS,
	hoursSchema,
	logHours,
	tickedEntries
} from '$lib/server/practicum/hours';
import { competencyOptions, localFramework } from '$lib/server/content';
import {
	acknowledge,
	evaluationsOf,
	readEvaluation,
	responseSchema,
	submitEvaluation
} from '$lib/server/practicum/evaluations';
import { formAction } from '$lib/server/http';
import { outcomeOptions } from '$lib/server/practicum/outcome';
import { peopleToSuggest } from '$lib/server/practicum/people';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const view = await placementView(user, params.placement);
	if (!view) error(404, m.not_found());
	const titles = new Map(localFramework().competencies.map((c) => [c.id, c.title]));
	const evaluations = (await evaluationsOf(view.placement.id)).map((e) => ({
		...e,
		ratings: e.ratings as Record<string, { rating: number; comment: string }>
	}));
	const outcomes = outcomeOptions({
		requiredHours: view.placement.requiredHours,
		approvedHours: view.totals.approved,
		finalSubmitted: evaluations.some((e) => e.kind === 'FINAL')
	});
	return {
		...view,
		evaluations,
		outcomes,
		titles: Object.fromEntries(view.placement.competencies.map((c) => [c, titles.get(c) ?? c])),
		choices: competencyOptions(view.placement.competencies),
		people: view.roles.includes('coordinator') ? await peopleToSuggest(user) : [],
		idempotencyKey: newIdempotencyKey()
	};
};

const signSchema = z.object({
	as: z.enum(['student', 'supervisor', 'coordinator'], { error: () => m.field_choose() })
});
/** Who may evaluate is decided by the domain call; the page must exist for this person first (404). */
const viewer = async (event: RequestEvent) => {
	const user = requireUser();
	const view = await placementView(user, event.params.placement!);
	if (!view) error(404, m.not_found());
	return { user, view };
};
const signedIn = () => requireUser();

export const actions: Actions = {
	end: formAction({
		guard: signedIn,
		schema: endSchema,
		run: async ({ user, data, event }) => {
			await endEarly(user, event.params.placement!, data.reason);
			return { ended: true };
		},
		name: 'end'
	}),
	transfer: formAction({
		guard: signedIn,
		schema: transferSchema,
		run: async ({ user, data, event }) => {
			const { id } = await transfer(user, event.params.placement!, data, event.url.origin);
			redirect(303, `/practicum/placements/${id}`);
		},
		name: 'transfer'
	}),
	evaluate: formAction({
		guard: viewer,
		run: async ({ user: { user, view }, form, event }) => {
			const { kind, ratings, comment } = readEvaluation(form, view.placement.competencies);
			await submitEvaluation(user, event.params.placement!, kind, ratings, comment, event.url.origin);
			return { evaluated: true };
		},
		name: 'evaluate'
	}),
	acknowledge: formAction({
		guard: signedIn,
		schema: responseSchema,
		run: async ({ user, data, event }) => {
			await acknowledge(user, event.params.placement!, data.evaluationId, data.response);
			return { acknowledged: true };
		}
	}),
	sign: formAction({
		guard: signedIn,
		schema: signSchema,
		run: async ({ user, data, event }) => {
			await signLearningAgreement(user, event.params.placement!, data.as);
			return { signed: true };
		}
	}),
	log: formAction({
		guard: signedIn,
		schema: hoursSchema,
		lists: HOURS_LISTS,
		refill: (form) => ({ picked: form.getAll('competencies').map(String) }),
		run: async ({ user, data, event, once }) => {
			await logHours(user, event.params.placement!, data, once);
			return { logged: true };
		},
		name: 'log',
		claimsKey: true
	}),
	decide: formAction({
		guard: signedIn,
		schema: decisionSchema,
		run: async ({ user, data, form, event }) => {
			await decideHours(user, tickedEntries(form), data.decision, data.comment, event.url.origin);
			return { decided: data.decision };
		},
		name: 'decide'
	}),
	outcome: formAction({
		guard: signedIn,
		schema: outcomeSchema,
		run: async ({ user, data, event }) => {
			await recordOutcome(user, event.params.placement!, data.outcome);
			return { outcomeSaved: true };
		},
		name: 'outcome'
	})
};
