// One way to read a form: a zod schema parses it; failures become one message per field plus the values typed
// (never passwords) so the page can refill the form.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { DomainError } from '../errors';

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

/** `lists` names the fields read whole (checkboxes sharing a name) as arrays; every other field is its last value. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	form: FormData,
	lists: readonly string[] = []
): ParseResult<z.output<S>> {
	const raw: Record<string, unknown> = {};
	for (const [k, v] of form.entries()) raw[k] = typeof v === 'string' ? v : undefined;
	for (const k of lists) raw[k] = form.getAll(k).map(String);
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

/**
 * For a domain function that reads the form itself (lists, files, a rule that depends on the person): the parsed
 * data, or a DomainError (400) with one message per field, which formAction answers like a failed schema.
 */
export function checkForm<S extends z.ZodType>(schema: S, form: FormData, lists: readonly string[] = []): z.output<S> {
	const parsed = parseForm(schema, form, lists);
	if (parsed.ok) return parsed.data;
	throw new DomainError(Object.values(parsed.errors)[0] ?? m.field_required(), 400, parsed.errors);
}
