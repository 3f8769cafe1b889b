// One way to read a form: a zod schema parses it; failures become one message per field plus the values typed
// (never passwords) so the page can refill the form.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export type Values = Record<string, string>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string>; values: Values };

const SECRET = /password/i;

export function formValues(form: FormData): Values {
	const values: Values = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string' && !SECRET.test(k)) values[k] = v.slice(0, 20_000);
	return values;
}

/**
 * PostgreSQL text cannot hold a NUL character: a field (or field name) with one is refused with a message. parseForm
 * checks this for every form; a route or domain function that reads a form by hand calls it too.
 */
export function unstorable(form: FormData): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const [k, v] of form.entries())
		if (k.includes('\u0000') || (typeof v === 'string' && v.includes('\u0000')))
			errors[k] = m.conflict_invalid_characters();
	return errors;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): ParseResult<z.output<S>> {
	const raw: Record<string, unknown> = {};
	for (const [k, v] of form.entries()) raw[k] = typeof v === 'string' ? v : undefined;
	const result = schema.safeParse(raw);
	const errors = unstorable(form);
	if (result.success && !Object.keys(errors).length) return { ok: true, data: result.data };
	if (!result.success)
		for (const issue of result.error.issues) {
			const key = String(issue.path[0] ?? 'form');
			errors[key] ??= issue.message;
		}
	return { ok: false, errors, values: formValues(form) };
}
