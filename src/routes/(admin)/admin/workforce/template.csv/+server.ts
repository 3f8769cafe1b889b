import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { csvResponse } from '$lib/server/csv/writer';
import { templateCsv } from '$lib/server/indicators/workforce-rows';

/** The workforce CSV's header row, ready to fill in. */
export const GET: RequestHandler = () => {
	requireRole('ADMIN');
	return csvResponse('workforce-template.csv', templateCsv());
};
