import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { editableEntry, editHours, HOURS_LISTS, hoursSchema, withdrawHours } from '$lib/server/practicum/hours';
import { competencyOptions } from '$lib/server/content';
import { formAction } from '$lib/server/http';
import { fromDate } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

/** The student's own entry that may still change, else 404 (before any parsing). */
async function own(userId: string, id: string) {
	const e = await editableEntry(userId, id);
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
				date: fromDate(e.date),
				hours: String(Number(e.hours)),
				activity: e.activity,
				competencies: e.competencies.join(', ')
			},
			competencies: e.competencies
		},
		choices: competencyOptions(e.placement.competencies)
	};
};

const guard = async (event: RequestEvent) => {
	const user = requireUser();
	return { user, entry: await own(user.id, event.params.entry!) };
};

export const actions: Actions = {
	save: formAction({
		guard,
		schema: hoursSchema,
		lists: HOURS_LISTS,
		refill: (form) => ({ picked: form.getAll('competencies').map(String) }),
		run: async ({ user: { user, entry }, data, event }) => {
			await editHours(user, entry.id, data, event.url.origin);
			redirect(303, `/practicum/placements/${entry.placementId}`);
		}
	}),
	withdraw: formAction({
		guard,
		run: async ({ user: { user, entry } }) => {
			await withdrawHours(user, entry.id);
			redirect(303, `/practicum/placements/${entry.placementId}`);
		}
	})
};
