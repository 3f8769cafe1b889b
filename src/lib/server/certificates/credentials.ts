// Open Badges 3.0: every certificate also exists as a signed AchievementCredential. Each issuing provider has one
// Ed25519 key, made on first use; its secret is sealed (AES-256-GCM) with a key derived from CREDO_KEY_SECRET and
// never leaves the server. The issuer's public profile with its key is served at /issuers/<slug>, and the same
// documents answer the local JSON-LD loader: verification never fetches anything from the network.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { db } from '../db';
import { DomainError } from '../errors';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import {
	buildAchievementCredential,
	controllerDocument,
	credentialShapeProblem,
	generateIssuerKey,
	makeDocumentLoader,
	masterKeyFrom,
	openSecret,
	sealSecret,
	signCredential,
	verificationMethodDocument,
	type SignedAchievementCredential
} from './badges';
import type { VerifyTask } from './verify-worker';
import { formatVerificationCode } from './code';
import { issuerBase, issuerBaseProblem } from './origin';
import { VERIFY_LIMIT, lookupByCode, type VerifyStatus } from './verification';

let master: Buffer | null = null;

/**
 * The secret that seals issuer keys: CREDO_KEY_SECRET, shared by every app server. Without it (a single machine,
 * development) a random one is created once in .data/ and reused.
 */
function masterKey(): Buffer {
	if (master) return master;
	let secret = process.env.CREDO_KEY_SECRET;
	if (!secret) {
		const file = path.resolve(process.env.CREDO_KEY_FILE ?? '.data/issuer-key-secret');
		if (!fs.existsSync(file)) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			try {
				fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
			} catch {
				// another process wrote it first
			}
		}
		secret = fs.readFileSync(file, 'utf8').trim();
	}
	master = masterKeyFrom(secret);
	return master;
}

/** The issuer's id: PUBLIC_ISSUER_BASE (else ORIGIN) + /issuers/<slug>; independent of the address Credo runs at. */
export const issuerId = (slug: string) => `${issuerBase()}/issuers/${slug}`;

/**
 * A key's id, relative to the issuer: `<issuer id>#key-1`. The stored key id keeps only its fragment's meaning (rows
 * made before PUBLIC_ISSUER_BASE named the address of the day), so the key always belongs to the current issuer id.
 */
export const keyIdOf = (slug: string, stored: string) =>
	`${issuerId(slug)}#${stored.includes('#') ? stored.slice(stored.lastIndexOf('#') + 1) : stored || 'key-1'}`;

/** The provider's key, created on first use (two servers creating it at once keep the first one). */
async function issuerKey(org: { id: string; slug: string }) {
	const existing = await db.issuerKey.findUnique({ where: { organisationId: org.id } });
	if (existing) return existing;
	const key = await generateIssuerKey(issuerId(org.slug));
	await db.issuerKey.createMany({
		data: [
			{
				organisationId: org.id,
				keyId: key.id,
				publicKeyMultibase: key.publicKeyMultibase,
				sealedSecret: sealSecret(key.secretKeyMultibase, masterKey())
			}
		],
		skipDuplicates: true
	});
	return db.issuerKey.findUniqueOrThrow({ where: { organisationId: org.id } });
}

/** The issuer's public documents, for the local loader and for /issuers/<slug>. */
export async function issuerDocuments(slug: string) {
	if (slug.includes('\u0000')) return null; // no slug holds a NUL, and PostgreSQL cannot compare one (found by fuzzing)
	const org = await db.organisation.findUnique({ where: { slug }, select: { id: true, name: true, slug: true } });
	if (!org) return null;
	const key = await db.issuerKey.findUnique({ where: { organisationId: org.id } });
	const id = issuerId(slug);
	const keyId = key ? keyIdOf(slug, key.keyId) : '';
	const keys = key ? [{ id: keyId, publicKeyMultibase: key.publicKeyMultibase }] : [];
	return {
		profile: controllerDocument({ id, name: org.name, url: issuerBase() }, keys),
		key: key
			? verificationMethodDocument({ id: keyId, controller: id, publicKeyMultibase: key.publicKeyMultibase })
			: null
	};
}

/** The issuer documents at `url` (a profile, or a key with its #fragment), or null when Credo publishes none. */
async function issuerDocumentAt(url: string) {
	const prefix = `${issuerBase()}/issuers/`;
	if (!url.startsWith(prefix)) return null;
	const [slug, fragment] = url.slice(prefix.length).split('#');
	let name: string;
	try {
		name = decodeURIComponent(slug);
	} catch {
		return null;
	}
	if (!name || name.length > 100) return null;
	const docs = await issuerDocuments(name);
	if (!docs) return null;
	return fragment ? docs.key : docs.profile;
}

const loader = makeDocumentLoader(issuerDocumentAt);

/** The certificate's signed credential: made and stored on first download, then served as stored. */
export async function credentialFor(certificateId: string): Promise<SignedAchievementCredential> {
	const c = await db.certificate.findUniqueOrThrow({
		where: { id: certificateId },
		include: { programme: { include: { provider: { select: { id: true, name: true, slug: true } }, modules: true } } }
	});
	if (c.credential) return c.credential as unknown as SignedAchievementCredential;
	// recorded from a provider's records: the provider did not issue it through Credo, so Credo signs nothing in its name
	if (c.source === 'RECORDED') throw new DomainError(m.cert_recorded_no_credential(), 409);
	// a credential naming an address nobody else reaches would be frozen that way: refuse, with the reason
	const problem = issuerBaseProblem();
	if (problem === 'loopback') throw new DomainError(m.cred_issuer_base_loopback({ base: issuerBase() }), 409);
	if (problem) throw new DomainError(m.cred_issuer_base_invalid(), 409);
	const p = c.programme;
	const key = await issuerKey(p.provider);
	const content = getContent();
	const competencies = new Map(content.framework.competencies.map((x) => [x.id, x]));
	const titles = new Map(content.modules.map((mod) => [mod.id, mod.title]));
	const criteria = [
		...p.modules.map((x) =>
			m.badge_criteria_module({ title: titles.get(x.moduleId) ?? x.moduleId, min: x.minScore }, { locale: 'en' })
		),
		...(p.requiresEvent ? [m.badge_criteria_event({}, { locale: 'en' })] : []),
		...(p.minPracticumHours
			? [m.badge_criteria_practicum({ hours: Number(p.minPracticumHours) }, { locale: 'en' })]
			: []),
		...(p.minSupervisionHours
			? [m.badge_criteria_supervision({ hours: Number(p.minSupervisionHours) }, { locale: 'en' })]
			: [])
	];
	const unsigned = buildAchievementCredential({
		id: `urn:uuid:${c.id}`,
		issuer: { id: issuerId(p.provider.slug), name: p.provider.name, url: issuerBase() },
		holder: { name: c.holderName },
		achievement: {
			id: `urn:uuid:${p.id}`,
			name: c.programmeTitle ?? p.title, // the title it was issued under
			description: p.description || (c.programmeTitle ?? p.title),
			criteriaNarrative: criteria.join('\n'),
			competencies: c.competencies.map((id) => ({
				id,
				title: competencies.get(id)?.title ?? id,
				url: `${issuerBase()}/framework/${competencies.get(id)?.track ?? ''}#${id}`
			}))
		},
		validFrom: c.issuedAt,
		validUntil: c.expiresOn ? new Date(c.expiresOn.getTime() + 86_399_000) : null, // through the end of the last day
		verificationCode: formatVerificationCode(c.code)
	});
	const signed = await signCredential(
		unsigned,
		{
			id: keyIdOf(p.provider.slug, key.keyId),
			controller: issuerId(p.provider.slug),
			publicKeyMultibase: key.publicKeyMultibase,
			secretKeyMultibase: openSecret(key.sealedSecret, masterKey())
		},
		loader
	);
	// two first downloads at once: both signatures are valid; the first one stored stays
	await db.$executeRaw`update certificates set credential = ${JSON.stringify(signed)}::jsonb where id = ${c.id}::uuid and credential is null`;
	const stored = await db.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { credential: true } });
	return (stored.credential ?? signed) as unknown as SignedAchievementCredential;
}

export interface CredentialCheck {
	/** the signature is intact and made by the named issuer's key */
	verified: boolean;
	/** the certificate's current status in Credo (null when the signature fails or the credential is not Credo's) */
	status: VerifyStatus | null;
	revokedOn?: string | null;
	error?: string;
}

// ---------------------------------------------------------------------------------------------
// Posted credentials: a lower rate than look-ups, the shape first, then the proof in a worker thread with a time limit

/** POSTs of a credential to verify, per client address: fewer than the look-ups by code (VERIFY_RATE_LIMIT). */
export const CREDENTIAL_VERIFY_LIMIT = {
	limit: Number(process.env.CREDENTIAL_VERIFY_RATE_LIMIT ?? 12),
	windowMs: VERIFY_LIMIT.windowMs,
	lockMs: VERIFY_LIMIT.lockMs
};
/** The longest one verification may take before it is stopped (its worker thread is ended). */
export const CREDENTIAL_VERIFY_TIMEOUT_MS = Number(process.env.CREDENTIAL_VERIFY_TIMEOUT_MS ?? 3000);
/** Largest body the verify endpoint reads. */
export const CREDENTIAL_MAX_BYTES = 32 * 1024;

/** Counts one credential POST for this client; seconds to wait when over the limit (0 = go ahead). */
export async function throttleCredentialCheck(ip: string, now = new Date()): Promise<number> {
	const l = CREDENTIAL_VERIFY_LIMIT;
	const [r] = await db.$queryRaw<{ until: Date | null }[]>`
		select until from verify_hits(array[${`verify-post:${ip}`}], array[${now}::timestamptz], ${l.windowMs}::int, ${l.limit}::int, ${l.lockMs}::int)`;
	return r.until && r.until > now ? Math.max(1, Math.ceil((r.until.getTime() - now.getTime()) / 1000)) : 0;
}

/** The worker module: beside this file in development and tests, under the checkout's src/ when built. */
function workerFile(): string {
	const candidates = [
		fileURLToPath(new URL('./verify-worker.ts', import.meta.url)),
		path.resolve('src/lib/server/certificates/verify-worker.ts')
	];
	return candidates.find((f) => fs.existsSync(f)) ?? candidates[candidates.length - 1];
}

let pool: Piscina<VerifyTask, { verified: boolean; error?: string }> | null = null;
function verifyPool() {
	pool ??= new Piscina({
		filename: workerFile(),
		execArgv: ['--import', 'tsx'],
		// one thread stays up once started (made on the first posted credential): starting one (tsx, JSON-LD
		// libraries) takes seconds, which must not count against a verification's time limit
		minThreads: 1,
		maxThreads: Math.max(1, Number(process.env.CREDENTIAL_VERIFY_THREADS ?? 1)),
		idleTimeout: 60_000,
		maxQueue: Math.max(1, Number(process.env.CREDENTIAL_VERIFY_QUEUE ?? 16)),
		resourceLimits: { maxOldGenerationSizeMb: 128 }
	});
	return pool;
}

let warm: Promise<unknown> | null = null;
/** The pool once a thread has started (a task without a time limit: an empty credential, refused at once). */
async function readyPool() {
	const p = verifyPool();
	warm ??= p.run({ credential: null, documents: {} }).catch(() => (warm = null));
	await warm;
	return p;
}

/** Ends the worker threads (tests; a server shutting down). */
export async function closeVerifyPool() {
	const p = pool;
	pool = null;
	warm = null;
	await p?.close({ force: true });
}

/** Thrown when every worker is busy and the queue is full: the client should retry (429). */
export class VerifyBusy extends Error {}

/**
 * The documents a credential's proofs need from Credo (issuer profile and key, by URL), looked up on this thread;
 * empty when no proof names a key Credo publishes.
 */
async function documentsFor(credential: Record<string, unknown>): Promise<Record<string, object>> {
	const proof = credential.proof;
	const proofs = Array.isArray(proof) ? proof : [proof];
	const out: Record<string, object> = {};
	for (const p of proofs) {
		const vm = (p as { verificationMethod?: unknown } | null)?.verificationMethod;
		if (typeof vm !== 'string') continue;
		const key = await issuerDocumentAt(vm);
		if (!key) continue;
		const controller = (key as { controller: string }).controller;
		const profile = await issuerDocumentAt(controller);
		if (profile) Object.assign(out, { [vm]: key, [controller]: profile });
	}
	return out;
}

/**
 * Checks a posted credential: its shape (cheap, here), then the signature in a worker thread (every proof of a set
 * must hold; stopped after CREDENTIAL_VERIFY_TIMEOUT_MS), then the certificate's current status (revoked, expired).
 * Throws VerifyBusy when the workers' queue is full.
 */
export async function checkCredential(
	credential: unknown,
	{ timeoutMs = CREDENTIAL_VERIFY_TIMEOUT_MS } = {}
): Promise<CredentialCheck> {
	const shape = credentialShapeProblem(credential);
	if (shape) return { verified: false, status: null, error: shape };
	const obj = credential as Record<string, unknown>;
	const documents = await documentsFor(obj);
	// no proof names a key of this Credo: nothing to check it against, and no JSON-LD work spent on it
	if (Object.keys(documents).length === 0)
		return { verified: false, status: null, error: 'not signed with a key of an issuer in this Credo' };
	// the signature is checked as of the credential's own start, so "expired" comes from Credo's record, not the clock
	const now =
		typeof obj.validFrom === 'string' && !Number.isNaN(Date.parse(obj.validFrom))
			? new Date(obj.validFrom).toISOString()
			: undefined;
	let sig: { verified: boolean; error?: string };
	try {
		sig = await (await readyPool()).run({ credential, documents, now }, { signal: AbortSignal.timeout(timeoutMs) });
	} catch (e) {
		const err = e as Error;
		if (err.name === 'AbortError' || err.name === 'TimeoutError') {
			warm = null; // its thread was ended: the next verification waits for a new one before its clock starts
			return { verified: false, status: null, error: `verification took longer than ${timeoutMs} ms` };
		}
		if (/queue is at limit/i.test(err.message)) throw new VerifyBusy('busy');
		throw e;
	}
	if (!sig.verified) return { verified: false, status: null, error: sig.error };
	const id = typeof obj.id === 'string' && obj.id.startsWith('urn:uuid:') ? obj.id.slice(9) : null;
	const row =
		id && /^[0-9a-f-]{36}$/i.test(id)
			? await db.certificate.findUnique({ where: { id }, select: { code: true } })
			: null;
	if (!row) return { verified: true, status: null, error: 'not a certificate issued by this Credo' };
	const found = await lookupByCode(row.code);
	return { verified: true, status: found?.status ?? null, revokedOn: found?.revokedOn ?? null };
}
