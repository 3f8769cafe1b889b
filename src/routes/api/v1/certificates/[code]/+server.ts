import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { lookup } from '$lib/server/certificates/verification';
import { clientIp } from '$lib/server/http';

/** The verification page as JSON, for other systems (e.g. a licensing system checking a certificate). */
export const GET: RequestHandler = async (event) => {
	const result = await lookup(event.params.code, clientIp(event));
	const headers = { 'Cache-Control': 'no-store' };
	switch (result.kind) {
		case 'found':
			return json(result.certificate, { headers });
		case 'limited':
			return json({ error: 'rate_limited', retryAfter: result.retryAfter }, { status: 429, headers: { ...headers, 'Retry-After': String(result.retryAfter) } });
		case 'unknown':
			return json({ error: 'not_found' }, { status: 404, headers });
		default:
			return json({ error: result.kind }, { status: 400, headers });
	}
};
