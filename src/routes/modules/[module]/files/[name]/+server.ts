import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { fileFor } from '$lib/server/authoring/store';
import { loginRedirect } from '$lib/server/auth/guards';
import { guarded } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

// An image of an authored module (issue 22). Anyone signed in sees a published module's files, only its authors and
// reviewers a draft's (fileFor decides; anything else is a 404 that reveals nothing). Served with the type found by
// content at upload, nosniff and no policy to run anything; a name is taken once and never replaced, so it is cached
// for a year.
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, loginRedirect(event.url));
	const file = await guarded(() => fileFor(user, event.params.module, event.params.name));
	if (!file) error(404, m.not_found());
	return new Response(file.data as Uint8Array<ArrayBuffer>, {
		headers: {
			'Content-Type': file.contentType,
			'Content-Length': String(file.data.byteLength),
			'X-Content-Type-Options': 'nosniff',
			'Content-Security-Policy': "default-src 'none'",
			'Cache-Control': 'private, max-age=31536000, immutable'
		}
	});
};
