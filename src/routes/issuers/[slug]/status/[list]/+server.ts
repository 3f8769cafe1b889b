import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { listNumberOf, signedStatusList } from '$lib/server/certificates/status-list';
import { PUBLIC_DOCUMENT_HEADERS, preflight } from '$lib/server/certificates/public-cors';

/**
 * The issuer's revocation list `n` (a BitstringStatusListCredential signed by the issuer), for any verifier: the
 * credentials the issuer signed name it in their `credentialStatus`. `application/vc`: the media type VC 2.0 registers
 * for a credential secured with an embedded proof (`application/vc+ld+json` was a draft's name, never registered).
 */
export const GET: RequestHandler = async ({ params }) => {
	const n = listNumberOf(params.list);
	const list = n === null ? null : await signedStatusList(params.slug, n);
	if (!list) error(404, 'Not found');
	return new Response(JSON.stringify(list), {
		headers: {
			...PUBLIC_DOCUMENT_HEADERS,
			// a revocation must reach verifiers soon: a minute, not the five minutes of the issuer's documents
			'Cache-Control': 'public, max-age=60',
			'Content-Type': 'application/vc'
		}
	});
};

export const OPTIONS: RequestHandler = preflight;
