import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { contextOrError } from '$lib/server/indicators/route-context';
import { filtersOf, publishedReportFor } from '$lib/server/indicators/published';
import { ramCsv, vacCsv } from '$lib/server/indicators/csv';
import { csvResponse } from '$lib/server/csv/writer';
import { m } from '$lib/paraglide/messages';

/** One indicator of a published report as CSV: the figures as published (the same columns as the live report's). */
export const GET: RequestHandler = async ({ params, url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const report = await publishedReportFor(user, params.report).catch((e) => {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	});
	const indicator = url.searchParams.get('indicator') || 'vac';
	if (indicator !== 'vac' && indicator !== 'ram') error(400, m.ind_indicator_invalid());
	const ctx = await contextOrError(user, report.jurisdictionCode);
	const f = filtersOf(report);
	const table = indicator === 'vac' ? vacCsv(ctx, f, report.figures.report) : ramCsv(ctx, f, report.figures.report);
	return csvResponse(`${indicator}-${ctx.jurisdiction.code}-published-${report.asOf}.csv`, table);
};
