import type { RequestHandler } from './$types';
import { verificationJson } from '$lib/server/certificates/verification-json';

// The address printed on a certificate (and in its QR code) answers people with the page (+page.svelte: SvelteKit
// sends requests that accept text/html there) and other systems with the same JSON as /api/v1/certificates/{code}.
export const GET: RequestHandler = (event) => verificationJson(event);
