import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { publishedReports } from '$lib/server/indicators/published';
import { trends } from '$lib/server/indicators/trends';
import { parseTrendScope } from '$lib/server/indicators/trends-page';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	const parsed = parseTrendScope(ctx, url.searchParams);
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		areas: ctx.areas.map((a) => ({ code: a.code, name: a.name, depth: a.depth })),
		partners: ctx.partners.map((p) => ({ code: p.code, name: p.name })),
		values: parsed.values,
		errors: parsed.errors,
		query: new URLSearchParams({ jurisdiction: ctx.jurisdiction.code, ...parsed.values }).toString(),
		trends: parsed.ok ? trends(await publishedReports(ctx.jurisdiction.id), parsed.scope) : null
	};
};
