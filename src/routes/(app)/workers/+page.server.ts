import type { PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { parseRegisterQuery, registerQueryString, resolveFilters } from '$lib/server/workforce/register-filters';
import { registerContext, searchWorkers } from '$lib/server/workforce/register';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const parsed = parseRegisterQuery(url.searchParams);
	const ctx = await guarded(() => registerContext(user, parsed.values.jurisdiction || null));
	const resolved = parsed.ok ? resolveFilters(parsed.query, ctx) : null;
	const result =
		parsed.ok && resolved?.ok
			? await guarded(() => searchWorkers(user, ctx.jurisdiction.id, resolved.filters, parsed.query.page))
			: null;
	// links keep the search and name the jurisdiction, so the CSV and every page show the same workers
	const query = parsed.ok ? { ...parsed.query, jurisdiction: ctx.jurisdiction.code } : null;
	return {
		jurisdictions: ctx.jurisdictions,
		jurisdiction: { code: ctx.jurisdiction.code, name: ctx.jurisdiction.name },
		areas: ctx.areas.map((a) => ({ code: a.code, name: a.name, depth: a.depth })),
		organisations: ctx.organisations.map((o) => ({ code: o.code, name: o.name })),
		values: parsed.values,
		errors: parsed.ok ? (resolved?.ok ? {} : (resolved?.errors ?? {})) : parsed.errors,
		result,
		links: query &&
			result && {
				csv: registerQueryString({ ...query, page: 1 }),
				previous: result.page > 1 ? registerQueryString(query, Math.min(result.page, result.pages + 1) - 1) : null,
				next: result.page < result.pages ? registerQueryString(query, result.page + 1) : null
			}
	};
};
