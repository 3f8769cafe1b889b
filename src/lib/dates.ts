// Date formatting for pages, with the formatters kept: building an Intl.DateTimeFormat costs far more than using one,
// and a page may format dozens of dates (on the module page it was a measurable share of each request).
import { getLocale } from '$lib/paraglide/runtime';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const locale = getLocale();
	const key = `${locale}|${JSON.stringify(options)}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
	return f;
}

/** A calendar date ("3 Dec 2026"): dates stored as dates are UTC midnight, so shown in UTC. */
export const formatDay = (d: Date | string) => formatter({ dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(d));

/** A moment in the viewer's (or, when rendered on the server, the server's) time zone, as a date. */
export const formatMomentDay = (d: Date | string) => formatter({ dateStyle: 'medium' }).format(new Date(d));

/** A moment with its time. */
export const formatMoment = (d: Date | string) => formatter({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
