import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { correctableEntry, readActivity, resubmitActivity, today } from '$lib/server/cpd/ledger';
import { fileOf } from '$lib/server/forms/upload';
import { formAction } from '$lib/server/http';
import { localFramework } from '$lib/server/content';
import { organisationsOfType } from '$lib/server/people/organisations';
import { fromDate } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const entry = await correctableEntry(user.id, params.entry);
	if (!entry) error(404, m.not_found());
	const [providers, t] = await Promise.all([organisationsOfType(['TRAINING_PROVIDER']), today(user.id)]);
	return {
		entry: {
			id: entry.id,
			status: entry.status,
			reviewReason: entry.reviewReason,
			hasFile: !!entry.evidenceFileId,
			values: {
				title: entry.title,
				providerName: entry.providerName ?? '',
				providerOrgId: entry.providerOrgId ?? '',
				activityDate: fromDate(entry.activityDate),
				credits: String(Number(entry.credits)),
				category: entry.category,
				activityType: entry.activityType,
				hours: entry.hours === null ? '' : String(Number(entry.hours))
			}
		},
		providers,
		categories: localFramework().categories,
		today: t.today
	};
};

export const actions: Actions = {
	default: formAction({
		guard: () => requireUser(),
		run: async ({ user, form, event }) => {
			// the date may not be after the learner's today, so the form is read once we know who posts it
			const activity = await readActivity(user.id, form);
			await resubmitActivity(user, event.params.entry!, activity, fileOf(form, 'evidence'));
			redirect(303, '/cpd?resubmitted=1');
		}
	})
};
