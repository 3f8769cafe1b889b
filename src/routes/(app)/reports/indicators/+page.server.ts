import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { filterQuery, parseFilters } from '$lib/server/indicators/filters';
import { indicatorReport } from '$lib/server/indicators/report';
import { scorecard } from '$lib/server/indicators/qa';
import { canEditPopulation } from '$lib/server/indicators/access';
import { canPublish } from '$lib/server/indicators/published';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	const parsed = parseFilters(ctx, url.searchParams);
	// the indicators (one query) and the QA scorecard (one query) side by side
	const [report, qa] = parsed.ok
		? await Promise.all([indicatorReport(ctx, parsed.filters), scorecard(ctx.jurisdiction.id, parsed.filters.year)])
		: [null, null];
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		areas: ctx.areas.map((a) => ({ code: a.code, name: a.name, depth: a.depth })),
		// the partners by code and name: the page never holds an organisation's database id
		partners: ctx.partners.map((p) => ({ code: p.code, name: p.name })),
		partner: (parsed.ok && ctx.partners.find((p) => p.id === parsed.filters.partner)?.name) || null,
		values: parsed.values,
		errors: parsed.ok ? {} : parsed.errors,
		filters: parsed.ok ? parsed.filters : null,
		query: parsed.ok ? filterQuery(ctx.jurisdiction.code, parsed.filters) : '',
		report,
		// the 3.a.1 scorecard of the report's year
		qa: qa && {
			period: qa.period,
			total: qa.total,
			band: qa.band,
			scored: qa.scored,
			scores: qa.criteria.map((c) => ({ criterion: c.criterion, score: c.score }))
		},
		canEditPopulation: canEditPopulation(user, ctx.jurisdiction.id),
		canPublish: canPublish(user, ctx.jurisdiction.id)
	};
};
