import type { Actions, PageServerLoad } from './$types';
import { requireJurisdictionAdmin } from '$lib/server/auth/guards';
import { qaScorerSchema, qaScorerSetting, setQaScorer } from '$lib/server/setup/qa-scorer';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ params }) => {
	const { jurisdiction } = await requireJurisdictionAdmin(params.code);
	return {
		jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
		...(await qaScorerSetting(jurisdiction.id))
	};
};

export const actions: Actions = {
	// a global administrator or this jurisdiction's (403), for a jurisdiction that exists (404)
	default: formAction({
		guard: (event) => requireJurisdictionAdmin(event.params.code!),
		schema: qaScorerSchema,
		run: ({ user: { user, jurisdiction }, data }) => setQaScorer(user, jurisdiction.id, data)
	})
};
