import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { saveProfile } from '$lib/server/supervision/assignments';
import { parseForm } from '$lib/server/forms/parse';
import { readForm } from '$lib/server/http';
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

export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { profile: await db.supervisorProfile.findUnique({ where: { userId: user.id } }) };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser();
		const parsed = parseForm(schema, await readForm(event));
		if (!parsed.ok) return fail(400, parsed);
		await saveProfile(user.id, parsed.data);
		return { saved: true };
	}
};
