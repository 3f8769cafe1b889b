import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireAdmin } from '$lib/server/auth/guards';
import { assignByEmail } from '$lib/server/supervision/assignments';
import { organisationsOfType } from '$lib/server/people/organisations';
import { formValues } from '$lib/server/forms/parse';
import { calendarDay, email, uuid } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

const schema = z.object({
	supervisorEmail: email(),
	superviseeEmail: email(),
	organisationId: uuid(),
	startsOn: calendarDay(),
	override: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export const load: PageServerLoad = async () => {
	requireAdmin();
	return { organisations: await organisationsOfType(['GOVERNMENT_AGENCY', 'NGO', 'UNIVERSITY']) };
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireAdmin(),
		schema,
		run: async ({ user, data, form, event }) => {
			const r = await assignByEmail(user, data, event.url.origin);
			// warnings need the override ticked: the form stays filled so it can be sent again at once
			return { assigned: !!r.created, warnings: r.warnings as string[], values: formValues(form) };
		}
	})
};
