import type { Actions, PageServerLoad } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import {
	decideRenewal,
	renewalSchema,
	leaveSchema,
	recordLeave,
	setLicenceStatus,
	statusSchema
} from '$lib/server/licensing/licences';
import { licenceRecord } from '$lib/server/licensing/licence-record';
import { decisionOptions } from '$lib/server/licensing/decisions';
import { checkRenewal } from '$lib/server/licensing/renewal-check';
import { checkStatusChange } from '$lib/server/licensing/status-change';
import { fromDate } from '$lib/calendar-day';
import { z } from 'zod';
import { formAction, guarded } from '$lib/server/http';
import { localFramework } from '$lib/server/content';
import {
	grantExemption,
	grantExemptionSchema,
	licenceExemptions,
	revokeExemption,
	revokeExemptionSchema
} from '$lib/server/licensing/exemption-grants';
import { fileOf } from '$lib/server/forms/upload';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireRegulator();
	const record = await guarded(() => licenceRecord(user, params.number, url.searchParams.get('cycle')));
	// the decisions valid now, and the others with the reason they are not
	const options = record.cycle
		? decisionOptions(
				{
					outcome: record.cycle.outcome,
					endsOn: fromDate(record.cycle.endsOn),
					graceUntil: record.cycle.graceUntil ? fromDate(record.cycle.graceUntil) : null
				},
				record.verdict?.status ?? null,
				record.today
			)
		: [];
	// category names in the reader's language, not the framework's ids
	return {
		...record,
		options,
		categoryTitles: localFramework().categories.map((c) => ({ id: c.id, title: c.title })),
		// exemptions and waivers granted on the licence (exemption-grants.ts)
		...(await licenceExemptions(record.licenceId))
	};
};

// three forms on one page: each answer names its form, so its messages show beside it
export const actions: Actions = {
	status: formAction({
		guard: () => requireRegulator(),
		// checked first: the answer says what the change does to the cycles (a reinstated licence may open one)
		schema: statusSchema.extend({ confirmed: z.literal('yes').optional() }),
		run: async ({ user, data, event }) => {
			const { confirmed, ...input } = data;
			if (!confirmed) return { confirmStatus: { ...input, ...(await checkStatusChange(user, input)) } };
			await setLicenceStatus(user, input, event.url.origin);
			return { statusSaved: true };
		},
		name: 'status'
	}),
	leave: formAction({
		guard: () => requireRegulator(),
		schema: leaveSchema,
		run: async ({ user, data }) => {
			await recordLeave(user, data);
			return { leaveSaved: true };
		},
		name: 'leave'
	}),
	// exemptions and waivers: granted for a period with a reason and optional evidence; revoked with a reason
	exempt: formAction({
		guard: () => requireRegulator(),
		schema: grantExemptionSchema,
		run: async ({ user, data, form, event }) => {
			await grantExemption(user, data, fileOf(form, 'evidence'), event.url.origin);
			return { exemptionGranted: true };
		},
		name: 'exempt'
	}),
	unexempt: formAction({
		guard: () => requireRegulator(),
		schema: revokeExemptionSchema,
		run: async ({ user, data, event }) => {
			await revokeExemption(user, data, event.url.origin);
			return { exemptionRevoked: data.exemptionId };
		},
		name: 'unexempt'
	}),
	decide: formAction({
		guard: () => requireRegulator(),
		// a decision cannot be undone: the first post is checked and answered with a check-your-answers step; the
		// confirm posts it again with `confirmed`
		schema: renewalSchema.extend({ confirmed: z.literal('yes').optional() }),
		run: async ({ user, data, event }) => {
			const { confirmed, ...input } = data;
			if (!confirmed) {
				const { graceUntil } = await checkRenewal(user, input);
				return { confirmDecision: { ...input, graceUntil } };
			}
			await decideRenewal(user, input, event.url.origin);
			return { decided: input.decision };
		},
		name: 'decide'
	})
};
