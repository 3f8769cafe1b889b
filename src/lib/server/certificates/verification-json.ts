import { json, type RequestEvent } from '@sveltejs/kit';
import { lookup } from './verification';
import { clientIp } from '../http';

/**
 * A certificate's verification as JSON, for other systems (a licensing system, a wallet): at
 * /api/v1/certificates/{code}, and at the printed /verify/{code} address for a client that does not ask for HTML
 * (SvelteKit sends `Accept: text/html` to the page, anything else here). 400 mistyped or malformed, 404 unknown,
 * 429 over the limit; never cached.
 */
export async function verificationJson(event: RequestEvent<{ code: string }>): Promise<Response> {
	const result = await lookup(event.params.code, clientIp(event));
	const headers = { 'Cache-Control': 'no-store' };
	switch (result.kind) {
		case 'found':
			return json(result.certificate, { headers });
		case 'limited':
			return json(
				{ error: 'rate_limited', retryAfter: result.retryAfter },
				{ status: 429, headers: { ...headers, 'Retry-After': String(result.retryAfter) } }
			);
		case 'unknown':
			return json({ error: 'not_found' }, { status: 404, headers });
		default:
			return json({ error: result.kind }, { status: 400, headers });
	}
}
