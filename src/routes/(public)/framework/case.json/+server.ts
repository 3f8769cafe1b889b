import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getContent } from '$lib/server/content';
import { casePackage } from '$lib/server/learning/case';

export const GET: RequestHandler = ({ url }) =>
	json(casePackage(getContent().framework, url.origin), {
		headers: {
			'Cache-Control': 'public, max-age=300',
			'Content-Disposition': 'inline; filename="credo-framework-case.json"'
		}
	});
