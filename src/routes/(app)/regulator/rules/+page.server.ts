import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { ruleHistory, ruleSchema, saveRule } from '$lib/server/licensing/rules';
import { localFramework } from '$lib/server/content';
import { formAction } from '$lib/server/http';
import { retentionSchema, retentionSettings, setRetention } from '$lib/server/privacy/retention';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	const [rules, retention] = await Promise.all([ruleHistory(user), retentionSettings(user)]);
	return {
		retention,
		categories: localFramework().categories,
		rules: rules.map((r) => ({
			...r,
			totalCredits: Number(r.totalCredits),
			categoryMinimums: r.categoryMinimums as Record<string, number>,
			categoryCaps: r.categoryCaps as Record<string, number>,
			activityCaps: r.activityCaps as Record<string, number>,
			activityRates: r.activityRates as Record<string, number>
		}))
	};
};

export const actions: Actions = {
	save: formAction({
		guard: () => requireRegulator(),
		schema: ruleSchema(),
		run: async ({ user, data }) => ({ saved: (await saveRule(user, data)).version }),
		name: 'save'
	}),
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
