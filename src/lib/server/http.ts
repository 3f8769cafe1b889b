// Turning domain results into HTTP for routes: forms that cannot be read, DomainErrors, and mail to flush.
import { error, fail, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from './errors';
import { AlreadyApplied, onceOf, releaseOnce, reserveOnce, type Once } from './idempotency';
import type { z } from 'zod';
import { formValues, parseForm, type Values } from './forms/parse';
import { flushOutbox } from './mail/outbox';

/** The posted form, or an empty one when the body is not a form (so bad input is a 400, never a 500). */
export async function readForm(event: RequestEvent): Promise<FormData> {
	try {
		return await event.request.formData();
	} catch {
		return new FormData();
	}
}

/** A DomainError becomes a failed action with its field messages and the values typed; anything else rethrows. */
export function failFrom<X extends Record<string, unknown>>(e: unknown, form: FormData, extra?: X) {
	if (e instanceof DomainError) {
		return fail(e.status, {
			errors: e.fields,
			message: Object.keys(e.fields).length ? null : e.message,
			values: formValues(form),
			...(extra as X)
		});
	}
	throw e;
}

/** Delivers mail queued by a request before answering, so links work at once; failures stay queued for retry. */
export async function deliver(mailIds: string[]) {
	if (mailIds.length) await flushOutbox(mailIds).catch((e) => console.error('mail delivery failed', e));
}

export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/**
 * The shape every form action shares: guard first (403 before any parsing), read and parse the form (400 with
 * field messages), run the domain call (a DomainError becomes its status with messages). `marker` is merged into
 * failures so a page with several forms knows which one failed.
 *
 * A form carrying an `idempotencyKey` (see idempotency.ts) is applied once per key: a repeat answers
 * `{ alreadySaved: true }` (200) without running again. With `claimsKey` the run passes `once` to a domain function
 * that claims the key inside its own transaction; otherwise the key is reserved before the run and given back if the
 * run fails.
 */
export function formAction<
	U,
	S extends z.ZodType,
	R extends Record<string, unknown> | void,
	M extends Record<string, string> = Record<never, string>
>(
	guard: (event: RequestEvent) => U | Promise<U>,
	schema: S,
	run: (user: U, data: z.output<S>, form: FormData, event: RequestEvent, once: Once | null) => Promise<R>,
	marker: M = {} as M,
	options: { claimsKey?: boolean } = {}
) {
	type Failure = { errors: Record<string, string>; values: Values; message: string | null } & M;
	return async (event: RequestEvent) => {
		const user = await guarded(() => guard(event));
		const form = await readForm(event);
		const parsed = parseForm(schema, form);
		if (!parsed.ok)
			return fail(400, { errors: parsed.errors, values: parsed.values, message: null, ...marker } as Failure);
		const once = event.locals.user ? onceOf(event.locals.user.id, form, event) : null;
		const reserved = once && !options.claimsKey ? await reserveOnce(once) : null;
		if (reserved === false) return { alreadySaved: true as const, ...marker };
		try {
			return { ...((await run(user, parsed.data, form, event, once)) ?? ({} as Exclude<R, void>)), ...marker };
		} catch (e) {
			if (reserved && !isRedirect(e)) await releaseOnce(once!);
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const, ...marker };
			if (e instanceof DomainError) {
				return fail(e.status, {
					errors: e.fields,
					message: Object.keys(e.fields).length ? null : e.message,
					values: formValues(form),
					...marker
				} as Failure);
			}
			throw e;
		}
	};
}

/** Runs a check that may throw a DomainError (e.g. "not yours": 404) and answers with its status instead. */
export async function guarded<T>(check: () => T | Promise<T>): Promise<T> {
	try {
		return await check();
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
}
