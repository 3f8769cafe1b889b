// Turning domain results into HTTP for routes: forms that cannot be read, DomainErrors, and mail to flush.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { DomainError } from './errors';
import { formValues } from './people/forms';
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
		return fail(e.status, { errors: e.fields, message: Object.keys(e.fields).length ? null : e.message, values: formValues(form), ...(extra as X) });
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
