// The analyst's home (issue 17): the headline indicators of the report page, as of today, computed by the report's own
// code (context → default filters → indicatorReport), with the link that opens the same report.
import type { SessionUser } from '../auth/session';
import { reportContext } from '../indicators/context';
import { filterQuery, parseFilters } from '../indicators/filters';
import { indicatorReport } from '../indicators/report';
import type { CalendarDay } from '$lib/calendar-day';

export interface AnalystHome {
	jurisdiction: { code: string; name: string };
	asOf: CalendarDay;
	year: number;
	/** VAC 3.1(d).1: certified workers on the as-of date */
	vac: { certified: number; workers: number; percent: number | null };
	/** RAM 45: workers per 100,000 children in the year */
	ram: { workers: number; rate: number | null };
	/** the query string of /reports/indicators showing these very figures */
	query: string;
}

/** The figures the indicator page shows first (its default jurisdiction and filters); null when there is none to read. */
export async function analystHome(user: SessionUser, now = new Date()): Promise<AnalystHome | null> {
	const ctx = await reportContext(user).catch(() => null);
	if (!ctx) return null;
	const parsed = parseFilters(ctx, new URLSearchParams(), now);
	if (!parsed.ok) return null;
	const report = await indicatorReport(ctx, parsed.filters);
	return {
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		asOf: parsed.filters.asOf,
		year: parsed.filters.year,
		vac: {
			certified: report.vac.total.certified,
			workers: report.vac.total.workers,
			percent: report.vac.total.percent
		},
		ram: { workers: report.ram.total.workers, rate: report.ram.total.rate },
		query: filterQuery(ctx.jurisdiction.code, parsed.filters)
	};
}
