import type { PageServerLoad } from './$types';

// Plain HTML, no JavaScript: a public page often opened from a QR code on a phone, and it needs none (its form is a
// GET). Without client-side rendering it also sends no script links or hydration data, so it is smaller and faster.
export const csr = false;
import { lookup } from '$lib/server/certificates/verification';
import { clientIp } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	const result = await lookup(event.params.code, clientIp(event));
	// the page is for people (machines use /api/v1/certificates/{code}, which answers 400/404/429); never cached,
	// never indexed, and an unknown code says nothing more than "no certificate has this code"
	event.setHeaders({
		'Cache-Control': 'no-store',
		'X-Robots-Tag': 'noindex',
		...(result.kind === 'limited' ? { 'Retry-After': String(result.retryAfter) } : {})
	});
	return { result, typed: event.params.code.slice(0, 100) };
};
