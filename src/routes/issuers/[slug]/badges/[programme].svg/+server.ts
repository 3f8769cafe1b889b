import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { programmeBadge } from '$lib/server/certificates/badge-image';
import { PUBLIC_DOCUMENT_HEADERS } from '$lib/server/certificates/public-cors';

/** The badge image a programme's credentials name (achievement.image): public, readable from any site. */
export const GET: RequestHandler = async ({ params }) => {
	const svg = await programmeBadge(params.slug, params.programme);
	if (!svg) error(404, 'Not found');
	return new Response(svg, {
		headers: {
			...PUBLIC_DOCUMENT_HEADERS,
			'Content-Type': 'image/svg+xml; charset=utf-8',
			// opened on its own, the picture may run nothing and load nothing
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
