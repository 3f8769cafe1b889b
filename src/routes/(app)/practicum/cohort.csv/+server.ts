import type { RequestHandler } from './$types';
import { requireCoordinator } from '$lib/server/practicum/guard';
import { coordinatedUniversities } from '$lib/server/practicum/placements';
import { cohortCsv } from '$lib/server/practicum/cohort-csv';
import { settingsFor } from '$lib/server/practicum/hours';
import { csvResponse } from '$lib/server/csv/writer';

/** The coordinator's cohort as CSV, streamed a page of placements at a time. */
export const GET: RequestHandler = async () => {
	const user = requireCoordinator();
	const uni = coordinatedUniversities(user)[0];
	return csvResponse('practicum-cohort.csv', cohortCsv(uni, (await settingsFor(uni)).staleDays));
};
