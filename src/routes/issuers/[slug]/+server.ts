import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { issuerDocuments } from '$lib/server/certificates/credentials';

/** An issuer's public Open Badges profile with its verification key, for verifiers outside Credo. */
export const GET: RequestHandler = async ({ params }) => {
	const docs = params.slug.length <= 100 ? await issuerDocuments(params.slug) : null;
	if (!docs) error(404, 'Not found');
	return json(docs.profile, {
		headers: { 'Content-Type': 'application/ld+json', 'Cache-Control': 'public, max-age=300' }
	});
};
