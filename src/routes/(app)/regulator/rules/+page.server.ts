import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { ruleHistory, ruleSchema, saveRule } from '$lib/server/licensing/rules';
import { getContent } from '$lib/server/content';
import { parseForm } from '$lib/server/people/forms';
import { failFrom, readForm } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	const rules = await ruleHistory(user);
	return {
		categories: getContent().framework.categories,
		rules: rules.map((r) => ({ ...r, totalCredits: Number(r.totalCredits), categoryMinimums: r.categoryMinimums as Record<string, number>, categoryCaps: r.categoryCaps as Record<string, number> }))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRegulator();
		const form = await readForm(event);
		const parsed = parseForm(ruleSchema(), form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			const rule = await saveRule(user, parsed.data);
			return { saved: rule.version };
		} catch (e) {
			return failFrom(e, form);
		}
	}
};
