import { error, fail, redirect } from '@sveltejs/kit';
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
import { decideHours, decisionSchema, hoursSchema, logHours } from '$lib/server/practicum/hours';
import { getContent } from '$lib/server/content';
import {
	acknowledge,
	evaluationsOf,
	parseEvaluation,
	responseSchema,
	submitEvaluation
} from '$lib/server/practicum/evaluations';
import { parseForm } from '$lib/server/forms/parse';
import { deliver, failFrom, readForm } from '$lib/server/http';
import { AlreadyApplied, newIdempotencyKey, onceOf } from '$lib/server/idempotency';
import { flushOutbox } from '$lib/server/mail/outbox';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const view = await placementView(user, params.placement);
	if (!view) error(404, m.not_found());
	const titles = new Map(getContent().framework.competencies.map((c) => [c.id, c.title]));
	const evaluations = (await evaluationsOf(view.placement.id)).map((e) => ({
		...e,
		ratings: e.ratings as Record<string, { rating: number; comment: string }>
	}));
	return {
		...view,
		evaluations,
		titles: Object.fromEntries(view.placement.competencies.map((c) => [c, titles.get(c) ?? c])),
		idempotencyKey: newIdempotencyKey()
	};
};

const signSchema = z.object({
	as: z.enum(['student', 'supervisor', 'coordinator'], { error: () => m.field_choose() })
});

export const actions: Actions = {
	end: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(endSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'end' });
		try {
			await endEarly(user, event.params.placement, parsed.data.reason);
		} catch (e) {
			return failFrom(e, form, { action: 'end' });
		}
		return { ended: true };
	},
	transfer: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(transferSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'transfer' });
		let id: string;
		try {
			id = (await transfer(user, event.params.placement, parsed.data)).id;
		} catch (e) {
			return failFrom(e, form, { action: 'transfer' });
		}
		redirect(303, `/practicum/placements/${id}`);
	},
	evaluate: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const view = await placementView(user, event.params.placement);
		if (!view) error(404, m.not_found());
		const parsed = parseEvaluation(form, view.placement.competencies);
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				message: null,
				values: {} as Record<string, string>,
				action: 'evaluate'
			});
		try {
			await submitEvaluation(
				user,
				event.params.placement,
				parsed.kind,
				parsed.ratings,
				parsed.comment,
				event.url.origin
			);
			void flushOutbox();
		} catch (e) {
			return failFrom(e, form, { action: 'evaluate' });
		}
		return { evaluated: true };
	},
	acknowledge: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(responseSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await acknowledge(user, event.params.placement, parsed.data.evaluationId, parsed.data.response);
		} catch (e) {
			return failFrom(e, form);
		}
		return { acknowledged: true };
	},
	sign: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(signSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await signLearningAgreement(user, event.params.placement, parsed.data.as);
		} catch (e) {
			return failFrom(e, form);
		}
		return { signed: true };
	},
	log: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(hoursSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'log' });
		try {
			await logHours(user, event.params.placement, parsed.data, onceOf(user.id, form, event));
		} catch (e) {
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const }; // the same form again: applied once
			return failFrom(e, form, { action: 'log' });
		}
		return { logged: true };
	},
	decide: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(decisionSchema, form);
		const ids = form
			.getAll('entryId')
			.map(String)
			.filter((v) => /^[0-9a-f-]{36}$/.test(v));
		if (!parsed.ok) return fail(400, { ...parsed, action: 'decide' });
		try {
			await decideHours(user, ids, parsed.data.decision, parsed.data.comment, event.url.origin);
			void flushOutbox();
		} catch (e) {
			return failFrom(e, form, { action: 'decide' });
		}
		return { decided: parsed.data.decision, action: 'decide' as const };
	},
	outcome: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(outcomeSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await recordOutcome(user, event.params.placement, parsed.data.outcome);
		} catch (e) {
			return failFrom(e, form);
		}
		await deliver([]);
		return { outcomeSaved: true };
	}
};
