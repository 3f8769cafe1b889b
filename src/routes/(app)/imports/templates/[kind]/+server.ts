import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { csvResponse } from '$lib/server/csv/writer';
import { templateOf } from '$lib/server/imports/upload';
import '$lib/server/imports/kinds';
import { m } from '$lib/paraglide/messages';

/** An import's header row, ready to fill in (`/imports/templates/areas`, …). */
export const GET: RequestHandler = ({ params }) => {
	requireUser();
	const table = templateOf(params.kind);
	if (!table) error(404, m.not_found());
	return csvResponse(`${params.kind}-template.csv`, table);
};
