import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { outcomeSchema, recordOutcome, sampleDetail } from '$lib/server/licensing/audits';
import { DomainError } from '$lib/server/errors';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireRegulator();
	try {
		const s = await sampleDetail(user, params.sample);
		return { sample: { ...s, percent: Number(s.percent), populationSize: s.population.length, population: undefined } };
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(outcomeSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, itemId: String(form.get('itemId') ?? '') });
		try {
			await recordOutcome(user, parsed.data);
		} catch (e) {
			return failFrom(e, form, { itemId: parsed.data.itemId });
		}
		return { recorded: true };
	}
};
