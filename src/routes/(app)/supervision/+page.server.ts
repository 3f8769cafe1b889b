import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import {
	amend,
	logSession,
	respond,
	sessionSchema,
	superviseeOverview,
	supervisorOverview,
	withdraw,
	FUNCTIONS
} from '$lib/server/supervision/sessions';
import { parseForm } from '$lib/server/forms/parse';
import { optionalText } from '$lib/server/forms/fields';
import { failFrom, readForm } from '$lib/server/http';
import { AlreadyApplied, newIdempotencyKey, onceOf } from '$lib/server/idempotency';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const [asSupervisor, asSupervisee] = await Promise.all([supervisorOverview(user.id), superviseeOverview(user.id)]);
	return { asSupervisor, asSupervisee, functions: [...FUNCTIONS], idempotencyKey: newIdempotencyKey() };
};

const lists = (form: FormData) => ({
	functions: form.getAll('functions').map(String),
	supervisees: form.getAll('supervisees').map(String)
});
const idSchema = z.object({ sessionId: z.string().uuid() });

export const actions: Actions = {
	log: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = sessionSchema.safeParse({ ...Object.fromEntries(form), ...lists(form) });
		if (!parsed.success) {
			const errors: Record<string, string> = {};
			for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
			return fail(400, { errors: errors as Record<string, string>, action: 'log', message: null });
		}
		try {
			await logSession(user, parsed.data, onceOf(user.id, form, event));
		} catch (e) {
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const }; // the same form again: applied once
			return failFrom(e, form, { action: 'log' });
		}
		return { logged: true };
	},
	respond: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(
			idSchema.extend({ answer: z.enum(['confirm', 'dispute']), note: optionalText(500) }),
			form
		);
		if (!parsed.ok) return fail(400, { ...parsed, action: 'respond' });
		try {
			await respond(user, parsed.data.sessionId, parsed.data.answer, parsed.data.note);
		} catch (e) {
			return failFrom(e, form, { action: 'respond', sessionId: parsed.data.sessionId });
		}
		return { responded: parsed.data.answer };
	},
	amend: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = sessionSchema
			.pick({ date: true, minutes: true, functions: true })
			.extend({ sessionId: z.string().uuid() })
			.safeParse({ ...Object.fromEntries(form), functions: form.getAll('functions').map(String) });
		if (!parsed.success)
			return fail(400, {
				errors: { amend: parsed.error.issues[0].message } as Record<string, string>,
				action: 'amend',
				message: parsed.error.issues[0].message
			});
		try {
			await amend(user, parsed.data.sessionId, parsed.data);
		} catch (e) {
			return failFrom(e, form, { action: 'amend' });
		}
		return { amended: true };
	},
	withdraw: async (event) => {
		const user = requireUser();
		const form = await readForm(event);
		const parsed = parseForm(idSchema, form);
		if (!parsed.ok) return fail(400, parsed);
		try {
			await withdraw(user, parsed.data.sessionId);
		} catch (e) {
			return failFrom(e, form);
		}
		return { withdrawn: true };
	}
};
