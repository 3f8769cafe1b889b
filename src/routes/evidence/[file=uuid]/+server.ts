import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openEvidence } from '$lib/server/cpd/evidence';
import { contentDisposition } from '$lib/server/content-disposition';
import { DomainError } from '$lib/server/errors';
import { clientIp } from '$lib/server/http';
import { loginRedirect } from '$lib/server/auth/guards';

// Served as an attachment with the type decided at upload and nosniff, so a file can never run as a page. The name
// in any script (RFC 6266); the view is audited once the body has been sent (openEvidence).
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, loginRedirect(event.url));
	try {
		const file = await openEvidence(user, event.params.file, clientIp(event));
		return new Response(file.body, {
			headers: {
				'Content-Type': file.contentType,
				'Content-Length': String(file.size),
				'Content-Disposition': contentDisposition(file.filename),
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
