// Date formatting for pages, with the formatters kept: building an Intl.DateTimeFormat costs far more than using one,
// and a page may format dozens of dates (on the module page it was a measurable share of each request).
import { getLocale, type Locale } from '$lib/paraglide/runtime';
import type { CalendarDay } from './calendar-day';

const STYLES = {
	day: { dateStyle: 'medium', timeZone: 'UTC' },
	month: { month: 'long', year: 'numeric', timeZone: 'UTC' },
	momentDay: { dateStyle: 'medium' },
	moment: { dateStyle: 'medium', timeStyle: 'short' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// One format per locale: English as written in the Commonwealth countries Credo serves ("6 Dec 2026", not "Dec 6,
// 2026"), French as in France ("6 déc. 2026").
const INTL_LOCALE: Record<string, string> = { en: 'en-GB', fr: 'fr-FR' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(style: keyof typeof STYLES, d: Date | string, locale: string = getLocale()): string {
	const key = `${locale}|${style}`;
	let f = formatters.get(key);
	if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(INTL_LOCALE[locale] ?? locale, STYLES[style])));
	return f.format(new Date(d));
}

/**
 * A calendar day ("3 Dec 2026"): a CalendarDay (which JavaScript reads as UTC midnight) or a `date` column (which
 * Prisma gives as UTC midnight), so shown in UTC: the same day whatever the server's or viewer's time zone.
 * `locale`: for text written to someone else than the person asking (a notice in its recipient's language).
 */
export const formatDay = (d: Date | CalendarDay | string, locale?: Locale) => format('day', d, locale);

/** A moment in the viewer's (or, when rendered on the server, the server's) time zone, as a date. */
export const formatMomentDay = (d: Date | string, locale?: Locale) => format('momentDay', d, locale);

/** A moment with its time. */
export const formatMoment = (d: Date | string, locale?: Locale) => format('moment', d, locale);

/** A calendar month ("November 2026") from "YYYY-MM" or a day in it. */
export const formatMonth = (month: string, locale?: Locale) => format('month', `${month.slice(0, 7)}-01`, locale);
