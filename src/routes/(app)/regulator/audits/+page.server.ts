import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { drawSample, sampleSchema, samples } from '$lib/server/licensing/audits';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { flushOutbox } from '$lib/server/mail/outbox';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return {
		samples: (await samples(user)).map((s) => ({ ...s, percent: Number(s.percent), population: s.population.length }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(sampleSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		let id: string;
		try {
			id = (await drawSample(user, parsed.data, event.url.origin)).id;
			void flushOutbox();
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, `/regulator/audits/${id}`);
	}
};
