// The indicator filters come from the URL (a GET form, so a report can be shared as a link). Each bad value gets a
// message for its field; nothing is computed until all of them are good.
import { dayIn, parseDay, type CalendarDay } from '$lib/calendar-day';
import type { ReportContext } from './context';
import { m } from '$lib/paraglide/messages';

export type Version = 'strict' | 'aggregate';

export interface Filters {
	areaId: string | null;
	areaCode: string;
	/** VAC 3.1(d).1: the as-of date */
	asOf: CalendarDay;
	/** RAM 45: the calendar year */
	year: number;
	version: Version;
	/** the supporting partner: the organisation's id (what the query compares), null for every partner */
	partner: string | null;
	/** its code, as the URL and the CSV name it ('' for every partner) */
	partnerCode: string;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

export type FilterResult =
	| { ok: true; filters: Filters; values: Record<string, string> }
	| { ok: false; errors: Record<string, string>; values: Record<string, string> };

/** Reads the filters; empty ones take their defaults: the whole jurisdiction, today (in its time zone), the last
 *  complete calendar year, the strict version, every supporting partner. */
export function parseFilters(ctx: ReportContext, params: URLSearchParams, now = new Date()): FilterResult {
	const get = (k: string) => (params.get(k) ?? '').trim().slice(0, 200);
	const today = dayIn(now, ctx.jurisdiction.timeZone);
	const values = {
		area: get('area'),
		date: get('date') || today,
		year: get('year') || String(+today.slice(0, 4) - 1),
		version: get('version') || 'strict',
		partner: get('partner')
	};
	const errors: Record<string, string> = {};
	const area = values.area ? ctx.areas.find((a) => a.code === values.area) : null;
	if (values.area && !area) errors.area = m.ind_area_unknown();
	const asOf = parseDay(values.date);
	if (!asOf) errors.date = m.field_date();
	const year = /^\d{4}$/.test(values.year) ? Number(values.year) : NaN;
	if (!(year >= MIN_YEAR && year <= MAX_YEAR)) errors.year = m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR });
	if (values.version !== 'strict' && values.version !== 'aggregate') errors.version = m.field_choose();
	const partner = values.partner ? ctx.partners.find((p) => p.code === values.partner) : null;
	if (values.partner && !partner) errors.partner = m.ind_partner_unknown();
	if (!asOf || Object.keys(errors).length) return { ok: false, errors, values };
	return {
		ok: true,
		values,
		filters: {
			areaId: area?.id ?? null,
			areaCode: area?.code ?? '',
			asOf,
			year,
			version: values.version as Version,
			partner: partner?.id ?? null,
			partnerCode: partner?.code ?? ''
		}
	};
}

/** The filters as a query string (for CSV links and the QA page link). */
export function filterQuery(jurisdiction: string, f: Filters): string {
	const q = new URLSearchParams({
		jurisdiction,
		area: f.areaCode,
		date: f.asOf,
		year: String(f.year),
		version: f.version,
		partner: f.partnerCode
	});
	return q.toString();
}
