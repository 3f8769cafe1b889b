import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { decideRecognition, recognitionDecisionSchema, recognitionQueue } from '$lib/server/certificates/programmes';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async () => {
	const user = requireRegulator();
	return { programmes: await recognitionQueue(user) };
};

export const actions: Actions = {
	decide: formAction({
		guard: () => requireRegulator(),
		schema: recognitionDecisionSchema,
		run: async ({ user, data }) => {
			await decideRecognition(user, data);
			return { decided: data.decision, programmeId: data.programmeId };
		}
	})
};
