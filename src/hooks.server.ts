import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
	extractLocaleFromRequest,
	getLocale,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { setSessionCookie, clearSessionCookie } from '$lib/server/auth/cookies';
import { startWorkers, stopWorkers } from '$lib/server/jobs/queue';
import { disconnectAll } from '$lib/server/db';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '$lib/server/unavailable';
import { fillHtmlSlots } from '$lib/server/hot/html-slots';
import { sessionExtraFor } from '$lib/server/hot/page-extras';
import { m } from '$lib/paraglide/messages';
import '$lib/server/licensing/import'; // registers its background job
import '$lib/server/certificates/issuance'; // registers cohort issuance
import '$lib/server/imports/kinds'; // registers every CSV import (areas, organisations, population, workforce)
import '$lib/server/sweeper'; // schedules housekeeping, once a minute for the cluster
import { snapshotDecidedCycles } from '$lib/server/licensing/snapshots';
import { syncPublished } from '$lib/server/authoring/published';

export const init: ServerInit = async () => {
	// renewal decisions made before decisions kept snapshots get theirs before any request reads a decided cycle
	const backfilled = await snapshotDecidedCycles().catch((e) => (console.error('decision snapshots', e), 0));
	if (backfilled) console.log(`snapshotted ${backfilled} renewal decisions made before snapshots`);
	// modules published in the browser are served beside content/ from the first request
	await syncPublished(true).catch((e) => console.error('published modules', e));
	startWorkers();
	// adapter-node emits this after SIGTERM/SIGINT once the HTTP server has closed: stop the job worker and close the
	// pools, so the process ends by itself (a load balancer's rolling restart) instead of waiting to be killed
	process.once('sveltekit:shutdown', () => void stopWorkers().then(disconnectAll));
};

// The locale of each request, where Paraglide's message functions and getLocale() find it. This is what Paraglide's
// own middleware does for our strategies (cookie, then Accept-Language, then English; none of them in the URL, so
// there is never a redirect or a rewritten URL) without cloning every request twice and recording every message
// call, which it does for URL strategies and for its experimental per-page message splitting: a measurable share of a
// request on the hot paths.
const localeStore = new AsyncLocalStorage<{ locale?: Locale; origin?: string; messageCalls?: Set<string> }>();
overwriteServerAsyncLocalStorage(localeStore);

const handleLocale: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	return localeStore.run({ locale, origin: event.url.origin }, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => fillHtmlSlots(html.replace('%paraglide.lang%', locale), event.locals.htmlSlots)
		})
	);
};

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.sessionId = null;
	if (token) {
		const extra = sessionExtraFor(event);
		const session = await validateSessionToken(token, new Date(), extra, event.request.headers.get('user-agent'));
		if (session) {
			if (extra) event.locals.sessionExtra = { name: extra.name, value: session.extra };
			event.locals.user = session.user;
			event.locals.sessionId = session.sessionId;
			if (session.extended) setSessionCookie(event, token, session.expiresAt); // the cookie follows the sliding expiry
		} else {
			clearSessionCookie(event); // forged, expired or ended elsewhere: signed out
		}
	}
	return resolve(event);
};

function securityHeaders(h: Headers) {
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

/** Unread request bodies up to this size are read and dropped after the answer (see handleHeaders). */
const DRAIN_LIMIT = 64 * 1024;

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	securityHeaders(h);
	if (event.locals.user && !h.has('Cache-Control')) h.set('Cache-Control', 'private, no-store');
	// A request answered without reading its body (a guard refused it first) leaves unread bytes on the connection:
	// the next request sent on it would be reset, and closing a socket with unread bytes makes the kernel send a reset
	// that can overtake the answer itself (the client sees ECONNRESET instead of the 403). Both found by the fuzz tests.
	// A small body is read and dropped, so the connection stays usable; a large one is not worth reading: that
	// connection is closed after the answer.
	if (event.request.body && !event.request.bodyUsed) {
		const declared = event.request.headers.get('content-length'); // none when chunked: size unknown, not read
		const length = declared === null ? NaN : Number(declared);
		let drained = false;
		if (length >= 0 && length <= DRAIN_LIMIT)
			drained = await event.request.arrayBuffer().then(
				() => true,
				() => false
			);
		if (!drained) h.set('Connection', 'close');
	}
	return response;
};

/** The answer while PostgreSQL cannot be reached: 503, Retry-After, never cached, a short page or JSON. */
function unavailable(request: Request): Response {
	const headers = new Headers({ 'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' });
	securityHeaders(headers);
	const message = m.error_unavailable();
	const url = new URL(request.url);
	const json = (body: unknown) => {
		headers.set('Content-Type', 'application/json');
		return new Response(JSON.stringify(body), { status: 503, headers });
	};
	// a form posted by use:enhance expects an action result; data requests, API clients and fetch() get plain JSON
	if (request.headers.has('x-sveltekit-action')) return json({ type: 'error', status: 503, error: { message } });
	if (url.pathname === '/healthz') return json({ status: 'degraded', database: 'unreachable' }); // as the endpoint itself says
	if (
		url.pathname.endsWith('/__data.json') ||
		url.pathname.startsWith('/api/') ||
		(request.headers.get('accept') ?? '').startsWith('application/json')
	) {
		return json({ message });
	}
	headers.set('Content-Type', 'text/html; charset=utf-8');
	headers.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
	const esc = (t: string) => t.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
	const html = `<!doctype html><html lang="${esc(getLocale())}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.error_unavailable_title())} · Credo</title><style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
<body><main><h1>${esc(m.error_unavailable_title())}</h1><p>${esc(message)}</p><p><a href="">${esc(m.error_try_again())}</a></p></main></body></html>`;
	return new Response(html, { status: 503, headers });
}

// PostgreSQL down or restarting: 503 instead of 500, and no stack trace in the log for every request. A database
// error thrown before a route runs (the session lookup) is caught here; one thrown in a load, an action or an endpoint
// reaches handleError, which marks the request, and the 500 SvelteKit made of it is answered as 503 here.
const handleUnavailable: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		if (!isDatabaseUnavailable(e)) throw e;
		noteUnavailable(e);
		return unavailable(event.request);
	}
	if (event.locals.databaseUnavailable && response.status >= 500) {
		await response.body?.cancel().catch(() => {});
		return unavailable(event.request);
	}
	return response;
};

let lastNoted = 0;
/** One log line per outage and 30 s, not one per request. */
function noteUnavailable(e: unknown) {
	const now = Date.now();
	if (now - lastNoted < 30_000) return;
	lastNoted = now;
	console.error(
		`database unavailable, answering 503: ${e instanceof Error ? e.message.split('\n').filter(Boolean).at(-1) : String(e)}`
	);
}

// Versions published by another server process reach this one within PUBLISHED_POLL_MS (one count when due).
const handleContent: Handle = async ({ event, resolve }) => {
	await syncPublished().catch(() => undefined); // unreachable database: handleUnavailable answers, the view stays
	return resolve(event);
};

export const handle = sequence(handleLocale, handleUnavailable, handleContent, handleSession, handleHeaders);

// Unexpected errors: log the detail with an id, show the person only the id. Never a stack trace.
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		noteUnavailable(error);
		return { message: m.error_unavailable() };
	}
	// a refusal SvelteKit made itself (404, 405, 415 for a body that is not a form…): the client's mistake, not logged
	if (status < 500)
		return { message: status === 404 ? 'Not found' : error instanceof Error ? error.message : 'Bad request' };
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: 'Something went wrong on our side.', id };
};
