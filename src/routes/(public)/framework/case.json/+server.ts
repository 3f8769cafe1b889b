import type { RequestHandler } from './$types';
import { caseAnswer } from '$lib/server/learning/case-http';
import { CASE_DOCUMENT_ID } from '$lib/server/learning/case';

/** The whole framework as a CASE 1.1 package to download: the same answer as CFPackages/{id}. */
export const GET: RequestHandler = () => {
	const r = caseAnswer('CFPackages', CASE_DOCUMENT_ID);
	r.headers.set('Content-Disposition', 'inline; filename="credo-framework-case.json"');
	return r;
};
