import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import {
	accreditationOverview,
	moduleSchema,
	providerSchema,
	setModule,
	setProvider
} from '$lib/server/licensing/accreditation';
import { localFramework } from '$lib/server/content';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { ...(await accreditationOverview(user)), categories: localFramework().categories };
};

export const actions: Actions = {
	provider: formAction({
		guard: () => requireRegulator(),
		schema: providerSchema,
		run: async ({ user, data }) => {
			await setProvider(user, data);
			return { saved: true };
		},
		name: 'provider'
	}),
	// one form per module row: a refusal is shown in the row whose moduleId was posted (values.moduleId)
	module: formAction({
		guard: () => requireRegulator(),
		schema: moduleSchema(),
		run: async ({ user, data }) => {
			await setModule(user, data);
			return { saved: true };
		},
		name: 'module'
	})
};
