import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { activitySchema, resubmitActivity, today } from '$lib/server/cpd/ledger';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { getContent } from '$lib/server/content';
import { m } from '$lib/paraglide/messages';

const UUID = /^[0-9a-f-]{36}$/;

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const entry = UUID.test(params.entry)
		? await db.cpdEntry.findFirst({
				where: { id: params.entry, userId: user.id, source: 'EXTERNAL', status: { in: ['PENDING', 'REJECTED'] } }
			})
		: null;
	if (!entry) error(404, m.not_found());
	const [providers, t] = await Promise.all([
		db.organisation.findMany({ where: { type: 'TRAINING_PROVIDER' }, select: { id: true, name: true } }),
		today(user.id)
	]);
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
				activityDate: entry.activityDate.toISOString().slice(0, 10),
				credits: String(Number(entry.credits)),
				category: entry.category
			}
		},
		providers,
		categories: getContent().framework.categories,
		today: t.today
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(activitySchema((await today(user.id)).today), form);
		if (!parsed.ok) return fail(400, parsed);
		const file = form.get('evidence');
		try {
			await resubmitActivity(user, event.params.entry, parsed.data, file instanceof File && file.size ? file : null);
		} catch (e) {
			return failFrom(e, form);
		}
		redirect(303, '/cpd?resubmitted=1');
	}
};
