import type { RequestHandler } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { regulatorJurisdictions } from '$lib/server/licensing/licences';
import { complianceCsv } from '$lib/server/licensing/export';
import { csvResponse } from '$lib/server/csv/writer';

/** The cohort's compliance as CSV, streamed: a page of licences is read each time the client has taken the last. */
export const GET: RequestHandler = async () => {
	const user = requireRegulator();
	return csvResponse('compliance.csv', complianceCsv(regulatorJurisdictions(user)));
};
