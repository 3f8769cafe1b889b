import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { canPublish, publishedReports } from '$lib/server/indicators/published';
import { m } from '$lib/paraglide/messages';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	const areaName = new Map(ctx.areas.map((a) => [a.code, a.name]));
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		canPublish: canPublish(user, ctx.jurisdiction.id),
		reports: (await publishedReports(ctx.jurisdiction.id)).map((r) => ({
			id: r.id,
			title: r.title,
			asOf: r.asOf,
			year: r.year,
			area: r.figures.scope.areaCode ? (areaName.get(r.figures.scope.areaCode) ?? r.figures.scope.areaCode) : null,
			version: r.version === 'strict' ? m.ind_version_strict() : m.ind_version_aggregate(),
			partner: r.figures.scope.partnerName || null,
			publishedAt: r.publishedAt.toISOString(),
			publishedBy: r.publishedBy
		}))
	};
};
