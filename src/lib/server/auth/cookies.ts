import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

// Secure whenever Credo is served over HTTPS (event.url follows ORIGIN behind adapter-node).
export function setSessionCookie(event: RequestEvent, token: string, expiresAt: Date) {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(event: RequestEvent) {
	event.cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
}

const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
// Marks a language picked on this browser while signed out (on the sign-in page, say): that choice is the newest.
const PICKED_SIGNED_OUT = 'credo_locale_picked';

// The reader's language, where Paraglide reads it on every request (not httpOnly: Paraglide's client reads it too).
export function setLocaleCookie(event: RequestEvent, locale: string, signedOut = false) {
	const secure = event.url.protocol === 'https:';
	event.cookies.set(LOCALE_COOKIE, locale, { path: '/', httpOnly: false, sameSite: 'lax', maxAge: 31_536_000, secure });
	if (signedOut) event.cookies.set(PICKED_SIGNED_OUT, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure });
	else event.cookies.delete(PICKED_SIGNED_OUT, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** What this browser says at sign-in: its language cookie, and whether that was picked while signed out. */
export function browserLocale(event: RequestEvent) {
	return { locale: event.cookies.get(LOCALE_COOKIE) ?? null, pickedSignedOut: !!event.cookies.get(PICKED_SIGNED_OUT) };
}
