import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { createProgramme, plainProgramme, providerOrgs, readProgrammeForm } from '$lib/server/certificates/programmes';
import { programmeFormOptions } from '$lib/server/certificates/forms';
import { formValues } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { AlreadyApplied, newIdempotencyKey, onceOf } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

async function requireProvider() {
	const user = requireUser();
	const orgs = await providerOrgs(user);
	if (!orgs.length) error(403, m.error_forbidden());
	return { user, orgs };
}

export const load: PageServerLoad = async () => {
	const { orgs } = await requireProvider();
	const programmes = await db.programme.findMany({
		where: { providerId: { in: orgs.map((o) => o.id) } },
		include: { provider: { select: { name: true } }, _count: { select: { certificates: true, events: true } } },
		orderBy: [{ archivedAt: { sort: 'desc', nulls: 'first' } }, { title: 'asc' }]
	});
	return {
		orgs,
		programmes: programmes.map(plainProgramme),
		...programmeFormOptions(),
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	create: async (event) => {
		const { user, orgs } = await requireProvider();
		const form = await readForm(event);
		const providerId = String(form.get('providerId') ?? (orgs.length === 1 ? orgs[0].id : ''));
		const parsed = readProgrammeForm(form);
		if (!parsed.ok)
			return fail(400, {
				errors: parsed.errors,
				values: formValues(form),
				message: null,
				chosenModules: parsed.chosenModules,
				chosenCompetencies: parsed.chosenCompetencies
			});
		let id: string;
		try {
			if (!orgs.some((o) => o.id === providerId))
				return fail(400, { errors: { providerId: m.field_choose() }, values: formValues(form), message: null });
			id = (await createProgramme(user, providerId, parsed.data, onceOf(user.id, form, event))).id;
		} catch (e) {
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const }; // the same form again: applied once
			return failFrom(e, form);
		}
		redirect(303, `/provider/programmes/${id}`);
	}
};
