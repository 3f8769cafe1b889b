// did:web names for issuers (https://w3c-ccg.github.io/did-method-web/): the DID of `https://<host>[:port]/<path>`
// is `did:web:<host>[%3A<port>]:<path segments joined by ':'>`, and its document is served at
// `https://<host>[:port]/<path>/did.json`. Pure functions: no database, no network.
import { MULTIKEY_V1_CONTEXT } from './badges';

export const DID_V1_CONTEXT = 'https://www.w3.org/ns/did/v1';

/** A DID segment: idchar (ALPHA / DIGIT / "." / "-" / "_") kept, every other UTF-8 byte percent-encoded. */
function segment(text: string): string {
	let out = '';
	for (const byte of new TextEncoder().encode(text)) {
		const c = String.fromCharCode(byte);
		out += /[A-Za-z0-9._-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return out;
}

/**
 * The did:web method-specific prefix of an http(s) base address: the host (a port percent-encoded as `%3A<port>`),
 * then each path segment after a `:`. `https://credo.example.org` → `did:web:credo.example.org`,
 * `https://gov.example:8443/credo` → `did:web:gov.example%3A8443:credo`.
 */
export function didWebOf(base: string): string {
	const url = new URL(base);
	const host = segment(url.hostname) + (url.port ? `%3A${url.port}` : '');
	const path = url.pathname
		.split('/')
		.filter(Boolean)
		.map((s) => segment(decodeURIComponent(s)));
	return ['did:web', host, ...path].join(':');
}

/** The issuer DID of `slug` under the base address: `did:web:<host>:issuers:<slug>`. */
export const issuerDidOf = (base: string, slug: string) => `${didWebOf(base)}:issuers:${segment(slug)}`;

/** The slug the DID names when it is an issuer DID under `base`, else null. */
export function slugOfIssuerDid(did: string, base: string): string | null {
	const prefix = `${didWebOf(base)}:issuers:`;
	if (!did.startsWith(prefix)) return null;
	const rest = did.slice(prefix.length);
	if (!rest || !/^(?:[A-Za-z0-9._-]|%[0-9A-F]{2})+$/.test(rest)) return null;
	try {
		return decodeURIComponent(rest);
	} catch {
		return null;
	}
}

/** Where did:web resolution fetches a DID's document: https://<host>[:port]/<segments>/did.json. */
export function didDocumentUrl(did: string): string {
	const [scheme, method, host, ...path] = did.split(':');
	if (scheme !== 'did' || method !== 'web' || !host) throw new TypeError(`not a did:web: ${did}`);
	const authority = decodeURIComponent(host); // example.com%3A8443 → example.com:8443
	return path.length
		? `https://${authority}/${path.map(decodeURIComponent).map(encodeURIComponent).join('/')}/did.json`
		: `https://${authority}/.well-known/did.json`;
}

export interface PublishedKey {
	/** N of `#key-N` */
	number: number;
	publicKeyMultibase: string;
}

/** The key id `<controller>#key-N`. */
export const keyIdUnder = (controller: string, number: number) => `${controller}#key-${number}`;

/**
 * The DID document of an issuer: every key it ever had (`#key-1` … `#key-N`) as a Multikey verification method, all
 * of them under `assertionMethod`, so a credential signed before a rotation keeps verifying. DID v1 comes first in
 * `@context`: verifiers (jsonld-signatures among them) read `assertionMethod` of such a document as it is.
 */
export function didDocument(did: string, keys: PublishedKey[]) {
	const methods = [...keys]
		.sort((a, b) => a.number - b.number)
		.map((k) => ({
			id: keyIdUnder(did, k.number),
			type: 'Multikey' as const,
			controller: did,
			publicKeyMultibase: k.publicKeyMultibase
		}));
	return {
		'@context': [DID_V1_CONTEXT, MULTIKEY_V1_CONTEXT],
		id: did,
		verificationMethod: methods,
		assertionMethod: methods.map((k) => k.id)
	};
}

export type DidDocument = ReturnType<typeof didDocument>;
