// An eddsa-rdfc-2022 verifier that shares nothing with Credo's signing stack (no @digitalbazaar code, no jsonld.js, no
// rdf-canonize): JSON-LD to RDF with jsonld-streaming-parser, RDFC-1.0 with rdfjs-c14n, Ed25519 with node:crypto,
// multibase and multikey decoded here. Contexts come from the same files Credo's loader serves (read as data), and
// nothing is fetched: the controller document (a DID document, for Credo's issuers) comes from `resolve`.
// Checked against the W3C vc-di-eddsa test vector in tests/fixtures/eddsa-rdfc-2022/.
import fs from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { RDFC10 } from 'rdfjs-c14n';
import type * as RDF from '@rdfjs/types';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as object;
/** The VC 2.0 context as the npm package ships it: a JS module whose body between two markers is the JSON. */
function readContextModule(file: string): object {
	const text = fs.readFileSync(file, 'utf8');
	const body = /\/\* context-begin \*\/([\s\S]*)\/\* context-end \*\//.exec(text)?.[1];
	if (!body) throw new Error(`no context in ${file}`);
	return JSON.parse(body);
}

const CONTEXT_FILES: Record<string, () => object> = {
	'https://www.w3.org/ns/credentials/v2': () =>
		readContextModule('node_modules/@digitalbazaar/credentials-context/lib/v2.js'),
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': () =>
		readJson('src/lib/server/certificates/contexts/ob-v3p0-context-3.0.3.json'),
	'https://w3id.org/security/data-integrity/v2': () =>
		readJson('node_modules/@digitalbazaar/data-integrity-context/contexts/data-integrity-v2.jsonld'),
	'https://w3id.org/security/multikey/v1': () =>
		readJson('node_modules/@digitalbazaar/multikey-context/contexts/multikey-v1.jsonld')
};

/** JSON-LD → RDF quads, contexts from the files above (and `extra`), nothing else loaded. */
function toQuads(doc: object, extra: Record<string, object>): Promise<RDF.Quad[]> {
	const parser = new JsonLdParser({
		strictValues: true,
		documentLoader: {
			load: async (url: string) => {
				const context = extra[url] ?? CONTEXT_FILES[url]?.();
				if (!context) throw new Error(`context not available offline: ${url}`);
				return structuredClone(context) as never;
			}
		}
	});
	const quads: RDF.Quad[] = [];
	return new Promise((resolve, reject) => {
		parser.on('data', (q: RDF.Quad) => quads.push(q));
		parser.on('error', reject);
		parser.on('end', () => resolve(quads));
		parser.write(JSON.stringify(doc));
		parser.end();
	});
}

/** RDFC-1.0 canonical N-Quads of a JSON-LD document. */
export async function canonicalNQuads(doc: object, extra: Record<string, object> = {}): Promise<string> {
	return new RDFC10().canonicalize(await toQuads(doc, extra));
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** base58btc (multibase prefix `z`) → bytes. */
export function base58btc(multibase: string): Buffer {
	if (!multibase.startsWith('z')) throw new Error('not base58btc multibase');
	let n = 0n;
	const text = multibase.slice(1);
	for (const ch of text) {
		const digit = ALPHABET.indexOf(ch);
		if (digit < 0) throw new Error('bad base58 character');
		n = n * 58n + BigInt(digit);
	}
	const bytes: number[] = [];
	while (n > 0n) {
		bytes.unshift(Number(n % 256n));
		n /= 256n;
	}
	for (const ch of text) {
		if (ch !== '1') break;
		bytes.unshift(0);
	}
	return Buffer.from(bytes);
}

/** An Ed25519 Multikey (`z6Mk…`: multicodec 0xed01 + 32 bytes) as a node:crypto public key. */
export function ed25519FromMultikey(publicKeyMultibase: string) {
	const raw = base58btc(publicKeyMultibase);
	if (raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) throw new Error('not an Ed25519 Multikey');
	const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw.subarray(2)]);
	return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/** Where did:web resolution reads a DID's document: https://host[:port]/path/did.json (or /.well-known/did.json). */
export function didWebDocumentUrl(did: string): string {
	const [scheme, method, host, ...path] = did.split(':');
	if (scheme !== 'did' || method !== 'web' || !host) throw new Error(`not a did:web: ${did}`);
	const authority = decodeURIComponent(host);
	return path.length ? `https://${authority}/${path.join('/')}/did.json` : `https://${authority}/.well-known/did.json`;
}

interface Method {
	id: string;
	type?: string;
	controller?: string;
	publicKeyMultibase?: string;
}
type Controller = { id?: string; verificationMethod?: Method[]; assertionMethod?: (string | Method)[] };

export interface IndependentResult {
	verified: boolean;
	error?: string;
	/** the key the proof named */
	verificationMethod?: string;
}

/**
 * Verifies every proof of `credential` as eddsa-rdfc-2022: the key must be listed in its controller's
 * `assertionMethod`, the controller must be the credential's issuer, and the Ed25519 signature must hold over
 * sha256(canonical proof config) ‖ sha256(canonical document without its proof).
 */
export async function verifyIndependently(
	credential: Record<string, unknown>,
	resolve: (controllerId: string) => Promise<object | null>,
	extraContexts: Record<string, object> = {}
): Promise<IndependentResult> {
	try {
		const { proof, ...document } = credential;
		const proofs = (Array.isArray(proof) ? proof : [proof]) as Record<string, unknown>[];
		if (!proof || proofs.length === 0) return { verified: false, error: 'no proof' };
		let named: string | undefined;
		for (const p of proofs) {
			if (p.type !== 'DataIntegrityProof' || p.cryptosuite !== 'eddsa-rdfc-2022')
				return { verified: false, error: 'not an eddsa-rdfc-2022 proof' };
			if (p.proofPurpose !== 'assertionMethod') return { verified: false, error: 'not an assertion proof' };
			const vm = p.verificationMethod;
			if (typeof vm !== 'string' || typeof p.proofValue !== 'string')
				return { verified: false, error: 'no key or value' };
			named = vm;
			const controllerId = vm.split('#')[0];
			const issuer = credential.issuer as string | { id?: string };
			if ((typeof issuer === 'string' ? issuer : issuer?.id) !== controllerId)
				return { verified: false, error: 'the key is not the issuer’s' };
			const controller = (await resolve(controllerId)) as Controller | null;
			if (!controller || controller.id !== controllerId)
				return { verified: false, error: `cannot resolve ${controllerId}` };
			const listed = (controller.assertionMethod ?? []).some((a) => (typeof a === 'string' ? a : a.id) === vm);
			if (!listed) return { verified: false, error: 'the key is not an assertion method of its controller' };
			const methods = [
				...(controller.verificationMethod ?? []),
				...(controller.assertionMethod ?? []).filter((a): a is Method => typeof a !== 'string')
			];
			const method = methods.find((x) => x.id === vm);
			if (!method || method.type !== 'Multikey' || method.controller !== controllerId || !method.publicKeyMultibase)
				return { verified: false, error: 'no Multikey for the verification method' };
			const { proofValue, ...options } = p;
			const config = { '@context': document['@context'], ...options };
			const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest();
			const data = Buffer.concat([
				hash(await canonicalNQuads(config, extraContexts)),
				hash(await canonicalNQuads(document, extraContexts))
			]);
			const ok = verify(null, data, ed25519FromMultikey(method.publicKeyMultibase), base58btc(proofValue as string));
			if (!ok) return { verified: false, error: 'signature does not verify', verificationMethod: vm };
		}
		return { verified: true, verificationMethod: named };
	} catch (e) {
		return { verified: false, error: e instanceof Error ? e.message : String(e) };
	}
}
