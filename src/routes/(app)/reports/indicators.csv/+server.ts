import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { parseFilters } from '$lib/server/indicators/filters';
import { indicatorReport } from '$lib/server/indicators/report';
import { scorecard } from '$lib/server/indicators/qa';
import { qaCsv, ramCsv, vacCsv } from '$lib/server/indicators/csv';
import { csvResponse, type CsvTable } from '$lib/server/csv/writer';
import { m } from '$lib/paraglide/messages';

/** One indicator as CSV, with the same filters (and so the same numbers) as the page. */
export const GET: RequestHandler = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	const indicator = url.searchParams.get('indicator') || 'vac';
	if (indicator !== 'vac' && indicator !== 'ram' && indicator !== 'qa') error(400, m.ind_indicator_invalid());
	let table: CsvTable;
	const parsed = parseFilters(ctx, url.searchParams);
	if (!parsed.ok)
		error(
			400,
			Object.entries(parsed.errors)
				.map(([k, v]) => `${k}: ${v}`)
				.join(' ')
		);
	if (indicator === 'qa') {
		// the scorecard of the report's year
		table = qaCsv(ctx, await scorecard(ctx.jurisdiction.id, parsed.filters.year));
	} else {
		const report = await indicatorReport(ctx, parsed.filters);
		table = indicator === 'vac' ? vacCsv(ctx, parsed.filters, report) : ramCsv(ctx, parsed.filters, report);
	}
	return csvResponse(`${indicator}-${ctx.jurisdiction.code}.csv`, table);
};
