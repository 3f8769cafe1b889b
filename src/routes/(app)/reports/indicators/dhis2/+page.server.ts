import type { Actions, PageServerLoad } from './$types';
import { z } from 'zod';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { dhis2Page, saveDhis2Form } from '$lib/server/indicators/dhis2-page';
import { text } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const find = (url.searchParams.get('find') ?? '').slice(0, 100); // an area looked for by name or code
	return dhis2Page(user, await contextOrError(user, url.searchParams.get('jurisdiction')), find);
};

// The ministry keeps the mapping: the jurisdiction's analysts and administrators (the domain checks which
// jurisdiction); regulators read it (403 on a post). The codes are read field by field by the domain (one per area).
export const actions: Actions = {
	save: formAction({
		guard: () => requireRole(['ANALYST', 'ADMIN']),
		schema: z.object({ jurisdiction: text(64) }),
		run: async ({ user, data, form }) => ({
			changed: await saveDhis2Form(user, await contextOrError(user, data.jurisdiction), form)
		}),
		name: 'save'
	})
};
