import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	CREDENTIAL_MAX_BYTES,
	VerifyBusy,
	checkCredential,
	throttleCredentialCheck
} from '$lib/server/certificates/credentials';
import { clientIp } from '$lib/server/http';

const TOO_LARGE = `a credential is at most ${CREDENTIAL_MAX_BYTES / 1024} KB of JSON`;

/** The body as text, or null as soon as it is longer than `max` bytes (the rest is never read). */
async function bodyUpTo(request: Request, max: number): Promise<string | null> {
	const declared = Number(request.headers.get('content-length') ?? NaN);
	if (declared > max) return null;
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel().catch(() => {});
			return null;
		}
		chunks.push(value);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Checks an Open Badges 3.0 credential issued by Credo: the signature (one changed character fails; every proof of a
 * set must hold) and the certificate's current status (a revoked certificate reports revoked). Body: the credential
 * as JSON, at most 32 KB. Fewer of these per client than look-ups by code; the JSON-LD work runs in a worker thread
 * with a time limit, after a cheap check of the JSON's shape.
 */
export const POST: RequestHandler = async (event) => {
	const wait = await throttleCredentialCheck(clientIp(event));
	if (wait)
		return json({ error: 'rate_limited', retryAfter: wait }, { status: 429, headers: { 'Retry-After': String(wait) } });
	const text = await bodyUpTo(event.request, CREDENTIAL_MAX_BYTES).catch(() => '');
	if (text === null) return json({ error: TOO_LARGE }, { status: 413 });
	if (!text)
		return json(
			{ error: `a credential (JSON, at most ${CREDENTIAL_MAX_BYTES / 1024} KB) is required` },
			{ status: 400 }
		);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ error: 'the body is not JSON' }, { status: 400 });
	}
	try {
		const result = await checkCredential(body);
		return json(result, { status: 200, headers: { 'Cache-Control': 'no-store' } });
	} catch (e) {
		if (e instanceof VerifyBusy)
			return json({ error: 'busy', retryAfter: 1 }, { status: 429, headers: { 'Retry-After': '1' } });
		throw e;
	}
};
