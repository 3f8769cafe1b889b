import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { dhis2FileName, publishedDhis2 } from '$lib/server/indicators/dhis2-export';
import { contentDisposition } from '$lib/server/content-disposition';

/** The published report as a DHIS2 dataValueSets file, for whoever may read the report (404 otherwise). A report the
 *  mapping cannot carry goes to the export page, which lists what the mapping lacks. */
export const GET: RequestHandler = async ({ params }) => {
	const user = requireUser();
	const { published, result } = await guarded(() => publishedDhis2(user, params.report));
	if (!result.ok) redirect(303, `/reports/published/${params.report}/dhis2`);
	return new Response(JSON.stringify(result.dataValueSet, null, '\t') + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': contentDisposition(dhis2FileName(published)),
			'cache-control': 'private, no-store'
		}
	});
};
