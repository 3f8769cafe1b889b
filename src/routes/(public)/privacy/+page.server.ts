import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import {
	PRIVACY_NOTICE_VERSION,
	acceptSchema,
	acceptNotice,
	acceptedAt,
	noticeContacts,
	safeNext
} from '$lib/server/privacy/notice';
import { formAction } from '$lib/server/http';
import { fromDate } from '$lib/calendar-day';

export const load: PageServerLoad = async ({ locals, url }) => {
	const [contacts, accepted] = await Promise.all([noticeContacts(), locals.user ? acceptedAt(locals.user.id) : null]);
	return {
		version: PRIVACY_NOTICE_VERSION,
		contacts,
		signedIn: !!locals.user,
		acceptedOn: accepted ? fromDate(accepted) : null,
		justAccepted: url.searchParams.has('accepted')
	};
};

export const actions: Actions = {
	accept: formAction({
		guard: () => requireUser(),
		schema: acceptSchema,
		run: async ({ user, data }) => {
			await acceptNotice(user.id);
			redirect(303, safeNext(data.next));
		}
	})
};
