import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { issuerDidDocument } from '$lib/server/certificates/issuer-keys';
import { PUBLIC_DOCUMENT_HEADERS, preflight } from '$lib/server/certificates/public-cors';

/** The issuer's DID document (did:web:<host>:issuers:<slug>): every key it signed with, old ones included. */
export const GET: RequestHandler = async ({ params }) => {
	const doc = await issuerDidDocument(params.slug);
	if (!doc) error(404, 'Not found');
	return json(doc, { headers: { ...PUBLIC_DOCUMENT_HEADERS, 'Content-Type': 'application/did+ld+json' } });
};

export const OPTIONS: RequestHandler = preflight;
