// Field rules shared by every form. Messages are functions so they are rendered in the reader's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { parseDay, type CalendarDay } from '$lib/calendar-day';

const required = () => m.field_required();
// eslint-disable-next-line no-control-regex -- NUL is refused on purpose (PostgreSQL text cannot hold it)
const EMAIL = /^[^\s@<>()[\]\\,;:"\u0000]+@[^\s@<>()[\]\\,;:"\u0000]+\.[^\s@<>()[\]\\,;:"\u0000]+$/;
/** PostgreSQL text cannot hold NUL: refused with a message rather than failing at the database (found by fuzzing). */
const storable = (v: string) => !v.includes('\u0000');
const unstorable = () => m.conflict_invalid_characters();

export const text = (max = 200) =>
	z
		.string({ error: required })
		.trim()
		.min(1, { error: required })
		.max(max, { error: () => m.field_too_long({ max }) })
		.refine(storable, { error: unstorable });

export const optionalText = (max = 200) =>
	z
		.string()
		.trim()
		.max(max, { error: () => m.field_too_long({ max }) })
		.refine(storable, { error: unstorable })
		.optional()
		.transform((v) => (v ? v : undefined));

export const email = () =>
	z
		.string({ error: required })
		.trim()
		.toLowerCase()
		.min(1, { error: required })
		.max(254, { error: () => m.field_too_long({ max: 254 }) })
		.regex(EMAIL, { error: () => m.field_email() });

/** A password as typed; strength rules are checked by passwordProblem() so one message covers each case. */
export const password = () =>
	z
		.string({ error: required })
		.min(1, { error: required })
		.max(1000, { error: () => m.password_too_long() })
		.refine(storable, { error: unstorable });

/**
 * A calendar day typed as YYYY-MM-DD that exists, from 1900 to 2999 (parseDay): "2026-02-30" is refused, not rolled
 * over to 2 March as JavaScript's Date would, and year 0 or 99999 never reaches the database (found by fuzzing).
 */
export const calendarDay = () =>
	z.string({ error: required }).transform((s, ctx): CalendarDay => {
		const day = parseDay(s);
		if (day) return day;
		ctx.addIssue({ code: 'custom', message: m.field_date() });
		return z.NEVER;
	});

/** A day that may be left empty (then undefined: the domain function picks its default, e.g. today). */
export const optionalDay = () =>
	z
		.string({ error: () => m.field_date() })
		.transform((s, ctx): CalendarDay | undefined => {
			if (!s.trim()) return undefined;
			const day = parseDay(s.trim());
			if (day) return day;
			ctx.addIssue({ code: 'custom', message: m.field_date() });
			return z.NEVER;
		})
		.optional();

export const uuid = () => z.string({ error: required }).uuid({ error: () => m.field_choose() });

export const choice = <T extends string>(values: readonly [T, ...T[]]) =>
	z.enum(values, { error: () => m.field_choose() });

/** A checkbox: ticked ("on", or "yes"/"true" from a hidden field) or not. */
export const flag = () =>
	z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'yes' || v === 'true');

/** Competency ids ticked in a picker (posted once each; read with `lists`), or typed as one list separated by commas or
 *  spaces (older forms, API clients): one array of ids either way. */
export const idList = () =>
	z
		.union([z.array(z.string()), z.string()])
		.optional()
		.transform((v) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => x.split(/[\s,]+/)).filter(Boolean));
