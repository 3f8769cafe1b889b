import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { startSweeper } from '$lib/server/sweeper';
import { startWorkers } from '$lib/server/jobs/queue';
import '$lib/server/licensing/import'; // registers its background job
import '$lib/server/certificates/issuance'; // registers cohort issuance
import '$lib/server/indicators/workforce-import'; // registers the workforce import job

export const init: ServerInit = () => {
	startSweeper();
	startWorkers();
};

const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
	});

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.sessionId = null;
	if (token) {
		const session = await validateSessionToken(token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			if (session.extended) setSessionCookie(event, token, session.expiresAt); // the cookie follows the sliding expiry
		} else {
			clearSessionCookie(event); // forged, expired or ended elsewhere: signed out
		}
	}
	return resolve(event);
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(handleLocale, handleSession, handleHeaders);

// Unexpected errors: log the detail with an id, show the person only the id. Never a stack trace.
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = crypto.randomUUID().slice(0, 8);
	if (status !== 404) console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: status === 404 ? 'Not found' : 'Something went wrong on our side.', id };
};
