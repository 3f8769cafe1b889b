// Headers of the documents any verifier may read from a browser elsewhere: the issuer's DID document and profile.
export const PUBLIC_DOCUMENT_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Cache-Control': 'public, max-age=300'
};

/** The answer to a CORS preflight for a public document (GET only, no credentials). */
export const preflight = () =>
	new Response(null, {
		status: 204,
		headers: {
			'Access-Control-Allow-Origin': '*',
			'Access-Control-Allow-Methods': 'GET, OPTIONS',
			'Access-Control-Allow-Headers': 'Accept',
			'Access-Control-Max-Age': '86400'
		}
	});
