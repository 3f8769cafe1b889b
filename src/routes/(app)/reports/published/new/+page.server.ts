import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { contextOrError } from '$lib/server/indicators/route-context';
import { filterQuery, parseFilters } from '$lib/server/indicators/filters';
import { canPublish, publishReport, publishSchema, scopeOf } from '$lib/server/indicators/published';
import { defaultTitle, scopeSummary } from '$lib/server/indicators/publish-page';
import { formAction } from '$lib/server/http';
import { newIdempotencyKey } from '$lib/server/idempotency';
import { m } from '$lib/paraglide/messages';

/** A regulator or ministry officer of the jurisdiction, with the report's filters (from the address) all valid. */
async function publisher(url: URL) {
	const user = requireRole(['REGULATOR', 'ANALYST', 'ADMIN']);
	const ctx = await contextOrError(user, url.searchParams.get('jurisdiction'));
	if (!canPublish(user, ctx.jurisdiction.id)) error(403, m.error_forbidden());
	const parsed = parseFilters(ctx, url.searchParams);
	if (!parsed.ok) error(400, m.ind_fix_filters());
	return { user, ctx, filters: parsed.filters };
}

export const load: PageServerLoad = async ({ url }) => {
	const { ctx, filters } = await publisher(url);
	return {
		summary: scopeSummary(ctx, filters),
		title: defaultTitle(ctx, filters),
		back: `/reports/indicators?${filterQuery(ctx.jurisdiction.code, filters)}`,
		// the report's filters ride on the form's address: the action reads them as the page did
		query: filterQuery(ctx.jurisdiction.code, filters),
		idempotencyKey: newIdempotencyKey()
	};
};

export const actions: Actions = {
	publish: formAction({
		guard: ({ url }) => publisher(url),
		schema: publishSchema,
		run: async ({ user: { user, ctx, filters }, data }) => {
			const id = await publishReport(user, ctx, filters, data, scopeOf(ctx, filters));
			redirect(303, `/reports/published/${id}?published=1`);
		}
	})
};
