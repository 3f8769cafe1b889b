import { fail, redirect } from '@sveltejs/kit';
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
import { parseForm } from '$lib/server/forms/parse';
import { readForm } from '$lib/server/http';

export const load: PageServerLoad = async ({ locals, url }) => {
	const [contacts, accepted] = await Promise.all([noticeContacts(), locals.user ? acceptedAt(locals.user.id) : null]);
	return {
		version: PRIVACY_NOTICE_VERSION,
		contacts,
		signedIn: !!locals.user,
		acceptedOn: accepted ? accepted.toISOString().slice(0, 10) : null,
		justAccepted: url.searchParams.has('accepted')
	};
};

export const actions: Actions = {
	accept: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(acceptSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		await acceptNotice(user.id);
		redirect(303, safeNext(parsed.data.next));
	}
};
