import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { listSessions, signOutOtherSessions } from '$lib/server/auth/session';
import { changePassword } from '$lib/server/people/accounts';
import { myRecordLink, proposeLink, proposeSchema } from '$lib/server/people/link-proposals';
import { password } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';

const schema = z.object({ currentPassword: password(), newPassword: password() });
// the button sends confirm=others: an empty or forged post ends nothing
const othersSchema = z.object({ confirm: z.literal('others') });

export const load: PageServerLoad = async ({ locals }) => {
	const user = requireUser();
	const [link, sessions] = await Promise.all([myRecordLink(user.id), listSessions(user, locals.sessionId)]);
	return { link, sessions };
};

export const actions: Actions = {
	password: formAction({
		guard: () => requireUser(),
		schema,
		run: async ({ user, data, event }) => ({
			changed: true,
			ended: await changePassword(user.id, data.currentPassword, data.newPassword, event.locals.sessionId!)
		})
	}),
	// a national worker id only proposes a link: an administrator of the jurisdiction confirms it
	link: formAction({
		guard: () => requireUser(),
		schema: proposeSchema,
		run: async ({ user, data, event }) => {
			await proposeLink(user, data, event.url.origin);
			return { proposed: true };
		},
		name: 'link'
	}),
	signOutOthers: formAction({
		guard: () => requireUser(),
		schema: othersSchema,
		run: async ({ user, event }) => ({ signedOut: await signOutOtherSessions(user.id, event.locals.sessionId!) }),
		name: 'signOutOthers'
	})
};
