import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { DomainError } from '$lib/server/errors';
import { contextOrError } from '$lib/server/indicators/route-context';
import { filtersOf, ITEMISED, publishedReportFor, recomputedNow } from '$lib/server/indicators/published';
import { changeView, figureDiffs, scopeSummary } from '$lib/server/indicators/publish-page';

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const report = await publishedReportFor(user, params.report).catch((e) => {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	});
	const ctx = await contextOrError(user, report.jurisdictionCode);
	const f = filtersOf(report);
	const now = await recomputedNow(ctx, report);
	const pub = report.figures.report;
	return {
		id: report.id,
		title: report.title,
		publishedAt: report.publishedAt.toISOString(),
		publishedBy: report.publishedBy,
		justPublished: url.searchParams.get('published') === '1',
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		summary: scopeSummary(ctx, f, report.figures.scope.partnerName),
		filters: f,
		report: pub,
		qa: report.figures.qa,
		partner: report.figures.scope.partnerName || null,
		now: {
			differences: figureDiffs(pub, now.report),
			changed: now.changed,
			itemised: ITEMISED,
			changes: now.changes.map((c) => changeView(c, [pub, now.report]))
		}
	};
};
