import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { db } from '$lib/server/db';
import { workerLicences, claimLicence, claimSchema } from '$lib/server/licensing/licences';
import { activitySchema, addActivity, today } from '$lib/server/cpd/ledger';
import { parseForm } from '$lib/server/forms/parse';
import { failFrom, readForm } from '$lib/server/http';
import { AlreadyApplied, newIdempotencyKey, onceOf } from '$lib/server/idempotency';
import { getContent } from '$lib/server/content';
import { myAuditRequests, respondToAudit, responseSchema } from '$lib/server/licensing/audits';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [licences, entries, providers, t, audits] = await Promise.all([
		workerLicences(user.id),
		db.cpdEntry.findMany({
			where: { userId: user.id },
			orderBy: { activityDate: 'desc' },
			select: {
				id: true,
				title: true,
				providerName: true,
				providerSlug: true,
				activityDate: true,
				credits: true,
				category: true,
				source: true,
				status: true,
				reviewReason: true,
				evidenceFileId: true
			}
		}),
		db.organisation.findMany({
			where: { type: 'TRAINING_PROVIDER' },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		}),
		today(user.id),
		myAuditRequests(user.id)
	]);
	return {
		licences: licences.map((l) => ({
			id: l.id,
			number: l.number,
			status: l.status,
			statusReason: l.statusReason,
			daysLeft: l.daysLeft,
			current: l.current && {
				cycleId: l.current.cycle.id,
				startsOn: l.current.cycle.startsOn,
				endsOn: l.current.cycle.endsOn,
				outcome: l.current.cycle.outcome,
				graceUntil: l.current.cycle.graceUntil,
				verdict: l.current.verdict
			},
			past: l.cycles.filter((c) => c.id !== l.current?.cycle.id)
		})),
		entries: entries.map((e) => ({ ...e, credits: Number(e.credits) })),
		providers,
		categories: getContent().framework.categories,
		today: t.today,
		audits: audits.map((a) => ({ id: a.id, status: a.status, response: a.response, request: a.sample.request })),
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	add: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(activitySchema((await today(user.id)).today), form);
		const file = form.get('evidence');
		if (!parsed.ok) return fail(400, { ...parsed, action: 'add' });
		try {
			await addActivity(
				user,
				parsed.data,
				file instanceof File && file.size ? file : null,
				onceOf(user.id, form, event)
			);
		} catch (e) {
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const }; // the same form again: applied once
			return failFrom(e, form, { action: 'add' });
		}
		return { added: true };
	},
	respond: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(responseSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'respond' });
		const file = form.get('evidence');
		try {
			await respondToAudit(user, parsed.data, file instanceof File && file.size ? file : null);
		} catch (e) {
			return failFrom(e, form, { action: 'respond' });
		}
		return { responded: true };
	},
	claim: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(claimSchema, form);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'claim' });
		try {
			await claimLicence(user, parsed.data.number);
		} catch (e) {
			return failFrom(e, form, { action: 'claim' });
		}
		return { claimed: true };
	}
};
