// Where a person is sent after logging in, switching language or accepting the privacy notice comes from the request
// (`?next=`, a hidden field), so it is checked here, in one place, before it reaches a Location header: only a path on
// this site. Browsers read `\` as `/` and drop tabs and newlines inside a URL, and `next` is often decoded once more
// on its way (a query parameter), so `/\evil.example`, `/<tab>/evil.example` and their encoded forms (`/%5Cevil…`,
// `/%09/evil…`, `/%2F%2Fevil…`) are refused as well as `//evil.example`, absolute URLs and `javascript:`.

const BASE = 'http://credo.invalid';
const MAX_LENGTH = 2_000;

/** A path of this site that is safe to redirect to, or null. */
function checked(target: string): string | null {
	if (target.length > MAX_LENGTH) return null;
	let raw: string;
	try {
		// a decoded query parameter may hold letters such as é: sent percent-encoded, as the browser would
		raw = target.replace(/[^\p{ASCII}]+/gu, (s) => encodeURIComponent(s));
	} catch {
		return null; // a lone surrogate
	}
	// printable ASCII, a single leading slash, no backslash anywhere
	if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(raw) || raw.includes('\\')) return null;
	// the same rules hold for every decoded form of it (at most three rounds), except that a decoded space is a space
	let form = raw;
	for (let round = 0; round < 3; round++) {
		let decoded: string;
		try {
			decoded = decodeURIComponent(form);
		} catch {
			return null; // a malformed escape: not something this site produced
		}
		if (decoded === form) break;
		if (!decoded.startsWith('/') || /^\/[/\\]/.test(decoded) || /[\p{Cc}\\]/u.test(decoded)) return null;
		form = decoded;
	}
	const url = new URL(raw, BASE);
	return url.origin === BASE ? raw : null;
}

/**
 * `target` when it is a path on this site (`/cpd?x=1`), otherwise `fallback`. Use it for every redirect whose
 * target comes from the request.
 */
export function safeRedirectTarget(target: string | null | undefined, fallback: string): string {
	return typeof target === 'string' ? (checked(target) ?? fallback) : fallback;
}
