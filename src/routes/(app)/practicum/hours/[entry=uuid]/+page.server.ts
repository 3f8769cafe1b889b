import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { editHours, hoursSchema, withdrawHours } from '$lib/server/practicum/hours';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

async function own(userId: string, id: string) {
	const e = /^[0-9a-f-]{36}$/.test(id)
		? await db.practicumLog.findFirst({
				where: { id, status: { in: ['PENDING', 'REJECTED'] }, placement: { studentId: userId } }
			})
		: null;
	if (!e) error(404, m.not_found());
	return e;
}

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const e = await own(user.id, params.entry);
	return {
		entry: {
			id: e.id,
			placementId: e.placementId,
			status: e.status,
			comment: e.comment,
			values: {
				date: e.date.toISOString().slice(0, 10),
				hours: String(Number(e.hours)),
				activity: e.activity,
				competencies: e.competencies.join(', ')
			}
		}
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(hoursSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		const e = await own(user.id, event.params.entry);
		try {
			await editHours(user, e.id, parsed.data);
		} catch (err) {
			return failFrom(err, form);
		}
		redirect(303, `/practicum/placements/${e.placementId}`);
	},
	withdraw: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const e = await own(user.id, event.params.entry);
		try {
			await withdrawHours(user, e.id);
		} catch (err) {
			return failFrom(err, form);
		}
		redirect(303, `/practicum/placements/${e.placementId}`);
	}
};
