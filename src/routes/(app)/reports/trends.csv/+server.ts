import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { publishedReports } from '$lib/server/indicators/published';
import { trends, trendsCsv } from '$lib/server/indicators/trends';
import { parseTrendScope } from '$lib/server/indicators/trends-page';
import { csvResponse } from '$lib/server/csv/writer';

/** The trends as CSV: the same series as the page's charts and tables. */
export const GET: RequestHandler = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	const parsed = parseTrendScope(ctx, url.searchParams);
	if (!parsed.ok) error(400, Object.values(parsed.errors).join(' '));
	const t = trends(await publishedReports(ctx.jurisdiction.id), parsed.scope);
	return csvResponse(`trends-${ctx.jurisdiction.code}.csv`, trendsCsv(ctx.jurisdiction.code, parsed.scope, t));
};
