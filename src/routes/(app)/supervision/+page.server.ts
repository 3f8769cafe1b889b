import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import {
	amend,
	logSession,
	AMEND_LISTS,
	amendSchema,
	SESSION_LISTS,
	sessionSchema,
	respond,
	superviseeOverview,
	supervisorOverview,
	withdraw,
	FUNCTIONS
} from '$lib/server/supervision/sessions';
import { optionalText } from '$lib/server/forms/fields';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [asSupervisor, asSupervisee] = await Promise.all([supervisorOverview(user.id), superviseeOverview(user.id)]);
	return { asSupervisor, asSupervisee, functions: [...FUNCTIONS], idempotencyKey: newIdempotencyKey() };
};

const idSchema = z.object({ sessionId: z.string().uuid() });
const responseSchema = idSchema.extend({ answer: z.enum(['confirm', 'dispute']), note: optionalText(500) });
const signedIn = () => requireUser();

export const actions: Actions = {
	log: formAction({
		guard: signedIn,
		schema: sessionSchema,
		lists: SESSION_LISTS,
		run: async ({ user, data, once }) => {
			await logSession(user, data, once);
			return { logged: true };
		},
		name: 'log',
		claimsKey: true
	}),
	// the page finds the session an answer belongs to by the sessionId posted back in its values
	respond: formAction({
		guard: signedIn,
		schema: responseSchema,
		run: async ({ user, data }) => {
			await respond(user, data.sessionId, data.answer, data.note);
			return { responded: data.answer };
		},
		name: 'respond'
	}),
	amend: formAction({
		guard: signedIn,
		schema: amendSchema,
		lists: AMEND_LISTS,
		run: async ({ user, data, event }) => {
			await amend(user, data.sessionId, data, event.url.origin);
			return { amended: true };
		},
		name: 'amend'
	}),
	withdraw: formAction({
		guard: signedIn,
		schema: idSchema,
		run: async ({ user, data }) => {
			await withdraw(user, data.sessionId);
			return { withdrawn: true };
		}
	})
};
