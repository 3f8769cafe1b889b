// One way to read a form: a zod schema parses it; failures become one message per field plus the values typed
// (never passwords) so the page can refill the form.
import { z } from 'zod';

export type Values = Record<string, string>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string>; values: Values };

const SECRET = /password/i;

export function formValues(form: FormData): Values {
	const values: Values = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string' && !SECRET.test(k)) values[k] = v.slice(0, 20_000);
	return values;
}

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): ParseResult<z.output<S>> {
	const raw: Record<string, unknown> = {};
	for (const [k, v] of form.entries()) raw[k] = typeof v === 'string' ? v : undefined;
	const result = schema.safeParse(raw);
	if (result.success) return { ok: true, data: result.data };
	const errors: Record<string, string> = {};
	for (const issue of result.error.issues) {
		const key = String(issue.path[0] ?? 'form');
		errors[key] ??= issue.message;
	}
	return { ok: false, errors, values: formValues(form) };
}
