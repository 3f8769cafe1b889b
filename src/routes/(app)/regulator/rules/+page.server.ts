import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { ruleHistory, ruleSchema, saveRule } from '$lib/server/licensing/rules';
import { getContent } from '$lib/server/content';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, formAction, readForm } from '$lib/server/http';
import { retentionSchema, retentionSettings, setRetention } from '$lib/server/privacy/retention';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	const [rules, retention] = await Promise.all([ruleHistory(user), retentionSettings(user)]);
	return {
		retention,
		categories: getContent().framework.categories,
		rules: rules.map((r) => ({
			...r,
			totalCredits: Number(r.totalCredits),
			categoryMinimums: r.categoryMinimums as Record<string, number>,
			categoryCaps: r.categoryCaps as Record<string, number>
		}))
	};
};

export const actions: Actions = {
	save: async (event) => {
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
	},
	// the jurisdiction's evidence retention period (a data-protection setting; privacy/retention.ts)
	retention: formAction({
		guard: () => requireRegulator(),
		schema: retentionSchema,
		run: async ({ user, data }) => {
			await setRetention(user, data);
			return { retentionSaved: data.jurisdictionId };
		},
		name: 'retention'
	})
};
