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
import { formAction, guarded } from '$lib/server/http';
import { localFramework } from '$lib/server/content';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireRegulator();
	const record = await guarded(() => licenceRecord(user, params.number, url.searchParams.get('cycle')));
	// category names in the reader's language, not the framework's ids
	return { ...record, categoryTitles: localFramework().categories.map((c) => ({ id: c.id, title: c.title })) };
};

// three forms on one page: each answer names its form, so its messages show beside it
export const actions: Actions = {
	status: formAction({
		guard: () => requireRegulator(),
		schema: statusSchema,
		run: async ({ user, data, event }) => {
			await setLicenceStatus(user, data, event.url.origin);
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
	decide: formAction({
		guard: () => requireRegulator(),
		schema: renewalSchema,
		run: async ({ user, data, event }) => {
			await decideRenewal(user, data, event.url.origin);
			return { decided: data.decision };
		},
		name: 'decide'
	})
};
