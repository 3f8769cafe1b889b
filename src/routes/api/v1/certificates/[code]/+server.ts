import type { RequestHandler } from './$types';
import { verificationJson } from '$lib/server/certificates/verification-json';

/** The verification page as JSON, for other systems (e.g. a licensing system checking a certificate). */
export const GET: RequestHandler = (event) => verificationJson(event);
