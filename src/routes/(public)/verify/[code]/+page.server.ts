import type { PageServerLoad } from './$types';
import { lookup } from '$lib/server/certificates/verification';
import { clientIp } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	const result = await lookup(event.params.code, clientIp(event));
	// the status code tells machines what the page tells people; the body never says more for an unknown code
	const status = { found: 200, mistyped: 400, malformed: 400, unknown: 404, limited: 429 }[result.kind];
	event.setHeaders({ 'Cache-Control': 'no-store', ...(result.kind === 'limited' ? { 'Retry-After': String(result.retryAfter) } : {}) });
	if (status !== 200) event.setHeaders({ 'X-Robots-Tag': 'noindex' });
	return { result, typed: event.params.code.slice(0, 100) };
};
