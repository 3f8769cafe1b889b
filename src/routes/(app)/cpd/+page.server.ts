import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { workerLicences, claimLicence, claimSchema } from '$lib/server/licensing/licences';
import { addActivity, myEntries, readActivity, today } from '$lib/server/cpd/ledger';
import { fileOf } from '$lib/server/forms/upload';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { localFramework } from '$lib/server/content';
import { myAuditRequests, respondToAudit, responseSchema } from '$lib/server/licensing/audits';
import { organisationsOfType } from '$lib/server/people/organisations';
import { exemptionsOf } from '$lib/server/licensing/exemption-grants';
import { fromDate } from '$lib/calendar-day';
import { verdictContexts } from '$lib/server/licensing/supervision-entries';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [licences, entries, providers, t, audits] = await Promise.all([
		workerLicences(user.id),
		myEntries(user.id),
		organisationsOfType(['TRAINING_PROVIDER']),
		today(user.id),
		myAuditRequests(user.id)
	]);
	// exemptions and waivers in force (not revoked), shown under the cycle they cover
	const exemptions = (await exemptionsOf(licences.map((l) => l.id))).filter((e) => !e.revokedAt);
	// the verdicts' supervision sessions (named by date and minutes) and caps and rates per activity type
	const current = licences.flatMap((l) => (l.current ? [l.current] : []));
	const contexts = await verdictContexts(current);
	const contextOf = new Map(current.map((c, i) => [c.licence.id, contexts[i]]));
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
				verdict: l.current.verdict,
				...contextOf.get(l.id)!
			},
			past: l.cycles.filter((c) => c.id !== l.current?.cycle.id),
			exemptions: exemptions
				.filter(
					(e) =>
						e.licenceId === l.id &&
						(!l.current ||
							(e.fromOn <= fromDate(l.current.cycle.endsOn) && e.toOn >= fromDate(l.current.cycle.startsOn)))
				)
				.map((e) => ({
					id: e.id,
					kind: e.kind,
					fromOn: e.fromOn,
					toOn: e.toOn,
					reason: e.reason,
					evidenceFileId: e.evidenceFileId
				}))
		})),
		entries: entries.map((e) => ({ ...e, credits: Number(e.credits) })),
		providers,
		categories: localFramework().categories,
		today: t.today,
		audits: audits.map((a) => ({ id: a.id, status: a.status, response: a.response, request: a.sample.request })),
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	add: formAction({
		guard: () => requireUser(),
		run: async ({ user, form, once }) => {
			// the date may not be after the learner's today, so the form is read once we know who posts it
			await addActivity(user, await readActivity(user.id, form), fileOf(form, 'evidence'), once);
			return { added: true };
		},
		name: 'add',
		claimsKey: true
	}),
	respond: formAction({
		guard: () => requireUser(),
		schema: responseSchema,
		run: async ({ user, data, form }) => {
			await respondToAudit(user, data, fileOf(form, 'evidence'));
			return { responded: true };
		},
		name: 'respond'
	}),
	claim: formAction({
		guard: () => requireUser(),
		schema: claimSchema,
		run: async ({ user, data }) => {
			await claimLicence(user, data.number);
			return { claimed: true };
		},
		name: 'claim'
	})
};
