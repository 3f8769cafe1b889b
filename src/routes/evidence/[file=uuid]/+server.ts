import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { readEvidence } from '$lib/server/cpd/evidence';
import { DomainError } from '$lib/server/errors';
import { clientIp } from '$lib/server/http';
import { loginRedirect } from '$lib/server/auth/guards';

// Served as an attachment with the type decided at upload and nosniff, so a file can never run as a page.
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, loginRedirect(event.url));
	try {
		const file = await readEvidence(user, event.params.file, clientIp(event));
		return new Response(new Uint8Array(file.data), {
			headers: {
				'Content-Type': file.contentType,
				'Content-Disposition': `attachment; filename="${file.filename.replace(/["\\]/g, '_')}"`,
				'X-Content-Type-Options': 'nosniff',
				'Cache-Control': 'private, no-store',
				'Content-Security-Policy': "default-src 'none'; sandbox"
			}
		});
	} catch (e) {
		if (e instanceof DomainError) error(e.status, e.message);
		throw e;
	}
};
