/** The address people and verifiers reach Credo at (ORIGIN, which `npm start` always sets). */
export const publicOrigin = () => (process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');

/**
 * The base of every issuer id and key id in the Open Badges credentials Credo signs: PUBLIC_ISSUER_BASE, else ORIGIN.
 * Set it once, before the first credential, to the public https address that will stay: signed credentials are
 * frozen, so changing it (or ORIGIN while it is unset) leaves every earlier credential naming an issuer Credo no
 * longer answers for. ORIGIN may change freely while it is set.
 */
export const issuerBase = () => (process.env.PUBLIC_ISSUER_BASE?.trim() || publicOrigin()).replace(/\/+$/, '');

/** True for an address only this machine reaches: localhost, *.localhost, 127.0.0.0/8, ::1, 0.0.0.0, ::. */
export function isLoopbackBase(base: string): boolean {
	let host: string;
	try {
		host = new URL(base).hostname
			.toLowerCase()
			.replace(/^\[|\]$/g, '')
			.replace(/\.$/, '');
	} catch {
		return true; // not an address at all: nobody outside can reach it either
	}
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		/^127(\.\d{1,3}){3}$/.test(host) ||
		host === '0.0.0.0' ||
		host === '::1' ||
		host === '::' ||
		/^::ffff:(127\.|7f)/.test(host) ||
		/^(0:){7}0?1$/.test(host)
	);
}

/**
 * Why Credo may not sign a credential now, or null when it may: the issuer base must be an http(s) address, and
 * outside development and tests one that others can reach (a credential naming localhost can be checked by nobody
 * else, and stays frozen that way).
 */
export function issuerBaseProblem(): 'invalid' | 'loopback' | null {
	const base = issuerBase();
	let url: URL;
	try {
		url = new URL(base);
	} catch {
		return 'invalid';
	}
	if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash || url.username)
		return 'invalid';
	const env = process.env; // read at run time: a build may replace the literal `process.env.NODE_ENV`
	const mode = env.NODE_ENV;
	if (mode === 'development' || mode === 'test') return null;
	return isLoopbackBase(base) ? 'loopback' : null;
}
