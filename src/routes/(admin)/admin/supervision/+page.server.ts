import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { assign } from '$lib/server/supervision/assignments';
import { formValues, parseForm } from '$lib/server/forms/parse';
import { calendarDay, email, uuid } from '$lib/server/forms/fields';
import { failFrom, readForm } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

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
	requireRole('ADMIN');
	return {
		organisations: await db.organisation.findMany({
			where: { type: { in: ['GOVERNMENT_AGENCY', 'NGO', 'UNIVERSITY'] } },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		})
	};
};

export const actions: Actions = {
	default: async (event) => {
		const admin = requireRole('ADMIN');
		const form = await readForm(event);
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return fail(400, parsed);
		const [supervisor, supervisee] = await Promise.all([
			db.user.findUnique({ where: { email: parsed.data.supervisorEmail } }),
			db.user.findUnique({ where: { email: parsed.data.superviseeEmail } })
		]);
		const missing: Record<string, string> = {};
		if (!supervisor) missing.supervisorEmail = m.practicum_no_account();
		if (!supervisee) missing.superviseeEmail = m.practicum_no_account();
		if (!supervisor || !supervisee) return fail(400, { errors: missing, values: formValues(form), message: null });
		try {
			const r = await assign(admin, {
				supervisorId: supervisor.id,
				superviseeId: supervisee.id,
				organisationId: parsed.data.organisationId,
				startsOn: parsed.data.startsOn,
				override: parsed.data.override
			});
			return { assigned: !!r.created, warnings: r.warnings as string[], values: formValues(form) };
		} catch (e) {
			return failFrom(e, form);
		}
	}
};
