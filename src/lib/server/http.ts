// Turning domain results into HTTP for routes: forms that cannot be read, DomainErrors, and mail to flush.
import { error, fail, isActionFailure, isRedirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from './errors';
import { AlreadyApplied, onceOf, releaseOnce, reserveOnce, type Once } from './idempotency';
import { z } from 'zod';
import { formValues, parseForm, type Values } from './forms/parse';
import { collectMail, deliverNow } from './mail/outbox';
import { isMultipart, readMultipart, type SpooledForm } from './forms/multipart';

/** The posted form, or an empty one when the body is not a form (so bad input is a 400, never a 500). Files of a
 * multipart form wait on disk (forms/multipart.ts) until `cleanup`. */
async function readForm(event: RequestEvent): Promise<SpooledForm> {
	const none = { form: new FormData(), cleanup: async () => {} };
	try {
		if (isMultipart(event.request)) return await readMultipart(event.request);
		return { ...none, form: await event.request.formData() };
	} catch {
		return none;
	}
}

export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** What a form action is made of; see formAction. */
/** What a run may answer: data for the page, nothing, or its own refusal (fail(400, { problems })). */
type RunResult = Record<string, unknown> | void | ActionFailure<Record<string, unknown>>;
type Refusal<R> = R extends ActionFailure<infer D> ? ActionFailure<D & { action?: string }> : never;
type Success<R> = Exclude<R, ActionFailure<Record<string, unknown>> | void>;

export interface ActionSpec<U, S extends z.ZodType, R extends RunResult> {
	/** Who may act: runs before the form is read, so a refusal (403/404) never depends on what was posted. */
	guard: (event: RequestEvent) => U | Promise<U>;
	/** The form's fields; a form that is only a button needs none. */
	schema?: S;
	/** Fields posted more than once (checkboxes sharing a name), given to the schema as arrays. */
	lists?: readonly string[];
	/** The domain call. Mail it queues is delivered before the answer (links in it work at once). */
	run: (input: { user: U; data: z.output<S>; form: FormData; event: RequestEvent; once: Once | null }) => Promise<R>;
	/** On a page with several forms: merged into every answer as `action`, so the page shows each answer beside
	 * its own form (`answerTo` in $lib/forms). */
	name?: string;
	/** The run claims the idempotency key inside its own transaction (`claimOnce(tx, once)`). */
	claimsKey?: boolean;
	/** More to send back with a refusal than one value per field, e.g. the ticked boxes of a repeated field name. */
	refill?: (form: FormData) => Record<string, unknown>;
}

const NO_FIELDS = z.object({});

/**
 * The one way to write a form action: guard first (403/404 before any parsing), read and parse the form (400 with a
 * message per field and the values typed), run the domain call (a DomainError becomes its status with messages),
 * deliver the mail it queued, answer.
 *
 * A form carrying an `idempotencyKey` (see idempotency.ts) is applied once per key: a repeat answers
 * `{ alreadySaved: true }` (200) without running again. With `claimsKey` the run passes `once` to a domain function
 * that claims the key inside its own transaction; otherwise the key is reserved before the run and given back if the
 * run fails.
 */
export function formAction<U, S extends z.ZodType = typeof NO_FIELDS, R extends RunResult = void>(
	spec: ActionSpec<U, S, R>
) {
	const marker = (spec.name ? { action: spec.name } : {}) as { action?: string };
	type Failure = { errors: Record<string, string>; values: Values; message: string | null; action?: string };
	const failure = (status: number, f: Omit<Failure, 'action'>, form: FormData) =>
		fail(status, { ...f, ...spec.refill?.(form), ...marker } as Failure);
	return async (event: RequestEvent) => {
		const user = await guarded(() => spec.guard(event));
		const { form, cleanup } = await readForm(event);
		try {
			return await answer(user, form, event);
		} finally {
			await cleanup();
		}
	};
	async function answer(user: U, form: FormData, event: RequestEvent) {
		const parsed = parseForm(spec.schema ?? NO_FIELDS, form, spec.lists);
		if (!parsed.ok) return failure(400, { errors: parsed.errors, values: parsed.values, message: null }, form);
		const once = event.locals.user ? onceOf(event.locals.user.id, form, event) : null;
		const reserved = once && !spec.claimsKey ? await reserveOnce(once) : null;
		if (reserved === false) return { alreadySaved: true as const, ...marker };
		const mailIds: string[] = [];
		try {
			const data = parsed.data as z.output<S>;
			const result = await collectMail(mailIds, () => spec.run({ user, data, form, event, once }));
			await deliverNow(mailIds);
			// a run may refuse with its own answer (fail(400, { problems })): it keeps its data, marked as this form's
			if (isActionFailure(result))
				return fail(result.status, { ...(result.data as unknown as object), ...marker }) as Refusal<R>;
			return { ...((result ?? {}) as Success<R> & object), ...marker };
		} catch (e) {
			if (isRedirect(e)) await deliverNow(mailIds);
			else if (reserved) await releaseOnce(once!);
			if (e instanceof AlreadyApplied) return { alreadySaved: true as const, ...marker };
			if (e instanceof DomainError) {
				const fields = e.fields;
				return failure(
					e.status,
					{
						errors: fields,
						message: Object.keys(fields).length ? null : e.message,
						values: formValues(form)
					},
					form
				);
			}
			throw e;
		}
	}
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
