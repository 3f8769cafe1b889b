import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { templateCsv } from '$lib/server/indicators/workforce-rows';

/** The workforce CSV's header row, ready to fill in. */
export const GET: RequestHandler = () => {
	requireRole('ADMIN');
	return new Response(templateCsv(), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="workforce-template.csv"'
		}
	});
};
