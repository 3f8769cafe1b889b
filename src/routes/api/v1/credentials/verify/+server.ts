import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { checkCredential } from '$lib/server/certificates/credentials';
import { throttle } from '$lib/server/certificates/verification';
import { clientIp } from '$lib/server/http';

const MAX_BYTES = 256 * 1024;

/**
 * Checks an Open Badges 3.0 credential issued by Credo: the signature (one changed character fails) and the
 * certificate's current status (a revoked certificate reports revoked). Body: the credential as JSON.
 */
export const POST: RequestHandler = async (event) => {
	const wait = await throttle(clientIp(event));
	if (wait)
		return json({ error: 'rate_limited', retryAfter: wait }, { status: 429, headers: { 'Retry-After': String(wait) } });
	const text = await event.request.text().catch(() => '');
	if (!text || text.length > MAX_BYTES)
		return json({ error: 'a credential (JSON, at most 256 KB) is required' }, { status: 400 });
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ error: 'the body is not JSON' }, { status: 400 });
	}
	const result = await checkCredential(body);
	return json(result, { status: 200, headers: { 'Cache-Control': 'no-store' } });
};
