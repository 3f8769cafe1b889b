import { Readable } from 'node:stream';
import type { RequestHandler } from './$types';
import { requireRegulator } from '$lib/server/licensing/guard';
import { regulatorJurisdictions } from '$lib/server/licensing/licences';
import { complianceCsv } from '$lib/server/licensing/export';

/** The cohort's compliance as CSV, streamed: the response pulls batches as the client reads (backpressure). */
export const GET: RequestHandler = async () => {
	const user = requireRegulator();
	const body = Readable.toWeb(complianceCsv(regulatorJurisdictions(user))) as unknown as ReadableStream<Uint8Array>;
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': 'attachment; filename="compliance.csv"',
			'Cache-Control': 'no-store'
		}
	});
};
