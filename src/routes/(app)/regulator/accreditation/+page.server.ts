import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import {
	accreditationOverview,
	moduleSchema,
	providerSchema,
	setModule,
	setProvider
} from '$lib/server/licensing/accreditation';
import { getContent } from '$lib/server/content';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { ...(await accreditationOverview(user)), categories: getContent().framework.categories };
};

export const actions: Actions = {
	provider: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(providerSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await setProvider(user, parsed.data);
		} catch (e) {
			return failFrom(e, form);
		}
		return { saved: true };
	},
	module: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(moduleSchema(), form);
		if (!parsed.ok) return fail(400, { ...parsed, moduleId: String(form.get('moduleId') ?? '') });
		try {
			await setModule(user, parsed.data);
		} catch (e) {
			return failFrom(e, form, { moduleId: parsed.data.moduleId });
		}
		return { saved: true };
	}
};
