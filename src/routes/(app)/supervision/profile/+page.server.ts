import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { profileOf, saveProfile } from '$lib/server/supervision/assignments';
import { formAction } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

const schema = z.object({
	yearsExperience: z.coerce
		.number({ error: () => m.field_number() })
		.int({ error: () => m.rule_whole() })
		.min(0, { error: () => m.rule_range({ max: 70 }) })
		.max(70, { error: () => m.rule_range({ max: 70 }) }),
	dedicated: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	selfDeclaredRegistered: z
		.string()
		.optional()
		.transform((v) => v === 'on')
});

export const load: PageServerLoad = async () => ({ profile: await profileOf(requireUser().id) });

export const actions: Actions = {
	default: formAction({
		guard: () => requireUser(),
		schema,
		run: async ({ user, data }) => {
			await saveProfile(user.id, data);
			return { saved: true };
		}
	})
};
