import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { csvResponse } from '$lib/server/csv/writer';
import { parseRegisterQuery, resolveFilters } from '$lib/server/workforce/register-filters';
import { registerContext } from '$lib/server/workforce/register';
import { registerCsv } from '$lib/server/workforce/register-csv';

const problems = (errors: Record<string, string>) =>
	Object.entries(errors)
		.map(([field, message]) => `${field}: ${message}`)
		.join(' ');

/** The register as CSV, with the same search and filters (and so the same workers) as the page. */
export const GET: RequestHandler = async ({ url }) => {
	const user = requireUser();
	const parsed = parseRegisterQuery(url.searchParams);
	const ctx = await guarded(() => registerContext(user, parsed.values.jurisdiction || null));
	if (!parsed.ok) error(400, problems(parsed.errors));
	const resolved = resolveFilters(parsed.query, ctx);
	if (!resolved.ok) error(400, problems(resolved.errors));
	const table = await guarded(() => registerCsv(user, ctx.jurisdiction.id, resolved.filters));
	return csvResponse(`workers-${ctx.jurisdiction.code}.csv`, table);
};
