import type { PageServerLoad } from './$types';
import { lookup } from '$lib/server/certificates/verification';
import { clientIp } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	const result = await lookup(event.params.code, clientIp(event));
	// the page is for people (machines use /api/v1/certificates/{code}, which answers 400/404/429); never cached,
	// never indexed, and an unknown code says nothing more than "no certificate has this code"
	event.setHeaders({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', ...(result.kind === 'limited' ? { 'Retry-After': String(result.retryAfter) } : {}) });
	return { result, typed: event.params.code.slice(0, 100) };
};
