import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { issuerProfile } from '$lib/server/certificates/issuer-keys';
import { PUBLIC_DOCUMENT_HEADERS, preflight } from '$lib/server/certificates/public-cors';

/** An issuer's Open Badges profile (name, url) with its keys under the ids credentials carried before did:web. */
export const GET: RequestHandler = async ({ params }) => {
	const profile = await issuerProfile(params.slug);
	if (!profile) error(404, 'Not found');
	return json(profile, { headers: { ...PUBLIC_DOCUMENT_HEADERS, 'Content-Type': 'application/ld+json' } });
};

export const OPTIONS: RequestHandler = preflight;
