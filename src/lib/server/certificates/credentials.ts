// Open Badges 3.0: every certificate also exists as a signed AchievementCredential. Each issuing provider signs as
// did:web:<host>:issuers:<slug> with its current Ed25519 key (issuer-keys.ts: keys, DID document, local resolver; its
// secret is sealed with a key derived from CREDO_KEY_SECRET and never leaves the server). The same documents answer
// the local JSON-LD loader: verification never fetches anything from the network.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import { db } from '../db';
import { DomainError } from '../errors';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import { credentialShapeProblem, makeDocumentLoader, signCredential, type SignedAchievementCredential } from './badges';
import { currentIssuerKey, issuerDocumentAt, issuerId, signingKeyOf } from './issuer-keys';
import { credentialWithContent, lacksCurrentContent } from './credential-content';
import { revokedRefusal, signWithStatusEntry, statusListDocumentAt } from './status-list';
import type { VerifyResult, VerifyTask } from './verify-worker';
import {
	checkExpiry,
	reasonsOf,
	statusListsOf,
	type CheckName,
	type ExpiryCheck,
	type StatusCheck
} from './credential-checks';
import { formatVerificationCode } from './code';
import { issuerBase, issuerBaseProblem } from './origin';
import { VERIFY_LIMIT, lookupByCode, type VerifyStatus } from './verification';

export { currentIssuerKey, issuerId } from './issuer-keys';

// the issuers' documents and their status lists (status-list.ts)
const loader = makeDocumentLoader(async (url) => (await statusListDocumentAt(url)) ?? issuerDocumentAt(url));

/**
 * Whether a stored credential is signed again on its next download (then stored instead; the old one keeps verifying
 * wherever it was kept): it names another issuer than the provider's DID `did` (signed before did:web, or under
 * another base), or it lacks the content credentials now carry (credential-content.ts).
 */
export function needsResign(stored: SignedAchievementCredential, did: string): boolean {
	// (or it names no entry in a revocation list: status-list.ts)
	return stored.issuer?.id !== did || lacksCurrentContent(stored) || !stored.credentialStatus;
}

/**
 * The certificate's signed credential: made and stored on first download, then served as stored. One stored under
 * another issuer id (signed before did:web, or under another base) is signed again under the issuer's DID on the next
 * download and stored instead; the old one keeps verifying wherever it was kept.
 */
export async function credentialFor(certificateId: string): Promise<SignedAchievementCredential> {
	const c = await db.certificate.findUniqueOrThrow({
		where: { id: certificateId },
		include: { programme: { include: { provider: { select: { id: true, name: true, slug: true } }, modules: true } } }
	});
	// revoked: Credo neither signs nor serves a credential for it (one downloaded before fails its status check)
	if (c.revokedAt) throw revokedRefusal();
	const stored = c.credential as unknown as SignedAchievementCredential | null;
	const did = issuerId(c.programme.provider.slug);
	// while Credo may not sign (below), a credential it signed before stays served
	if (stored && (!needsResign(stored, did) || issuerBaseProblem())) return stored;
	// recorded from a provider's records: the provider did not issue it through Credo, so Credo signs nothing in its name
	if (c.source === 'RECORDED') throw new DomainError(m.cert_recorded_no_credential(), 409);
	// a credential naming an address nobody else reaches would be frozen that way: refuse, with the reason
	const problem = issuerBaseProblem();
	if (problem === 'loopback') throw new DomainError(m.cred_issuer_base_loopback({ base: issuerBase() }), 409);
	if (problem) throw new DomainError(m.cred_issuer_base_invalid(), 409);
	const p = c.programme;
	const key = await currentIssuerKey(p.provider);
	const content = getContent();
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
	const unsigned = await credentialWithContent(c, {
		id: `urn:uuid:${c.id}`,
		issuer: { id: issuerId(p.provider.slug), name: p.provider.name, url: issuerBase() },
		holder: { name: c.holderName },
		achievement: {
			id: `urn:uuid:${p.id}`,
			name: c.programmeTitle ?? p.title, // the title it was issued under
			description: p.description || (c.programmeTitle ?? p.title),
			criteriaNarrative: criteria.join('\n')
		},
		validFrom: c.issuedAt,
		validUntil: c.expiresOn ? new Date(c.expiresOn.getTime() + 86_399_000) : null, // through the end of the last day
		verificationCode: formatVerificationCode(c.code)
	});
	// signed with its entry in the issuer's status list (kept when signed again), stored with it in one statement that
	// replaces only the credential read above: two downloads (or re-signings) at once answer the first one stored
	return signWithStatusEntry(c, p.provider, (credentialStatus) =>
		signCredential({ ...unsigned, credentialStatus }, signingKeyOf(key), loader)
	);
}

/** The verify API's answer (docs/domains/certificates.md, "Verifying a credential"). */
export interface CredentialCheck {
	/** every check passed: the credential may be relied on now */
	valid: boolean;
	/** the checks that did not pass or could not be made, in the order signature, status, expiry, issuer */
	reasons: CheckName[];
	checks: {
		/** every proof holds, made by a key the issuer lists */
		signature: { ok: boolean; error?: string };
		/** not revoked: the credential's status list (itself verified), or Credo's record for one without an entry */
		status: StatusCheck;
		/** within validFrom … validUntil now */
		expiry: ExpiryCheck;
		/** the issuer is one Credo publishes */
		issuer: { ok: boolean; id: string | null; error?: string };
	};
	/** as before the checks: the signature holds (= checks.signature.ok) */
	verified: boolean;
	/** as before: the certificate's current status in Credo's records (null when the signature fails or not Credo's) */
	status: VerifyStatus | null;
	revokedOn?: string | null;
	/** the first failing check's message */
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

let pool: Piscina<VerifyTask, VerifyResult> | null = null;
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

/** The status lists a credential names that this Credo publishes, with their issuers' documents, by URL. */
async function statusDocumentsFor(credential: Record<string, unknown>): Promise<Record<string, object>> {
	const out: Record<string, object> = {};
	for (const url of statusListsOf(credential)) {
		const list = await statusListDocumentAt(url);
		if (list) Object.assign(out, { [url]: list }, await documentsFor(list));
	}
	return out;
}

const notChecked = (why: string): StatusCheck => ({
	ok: false,
	method: null,
	revoked: null,
	error: `not checked: ${why}`
});

function answer(
	checks: CredentialCheck['checks'],
	record: { status: VerifyStatus | null; revokedOn?: string | null } = { status: null }
): CredentialCheck {
	const reasons = reasonsOf(checks);
	const error = reasons.map((r) => checks[r].error).find(Boolean);
	return {
		valid: reasons.length === 0,
		reasons,
		checks,
		verified: checks.signature.ok,
		...record,
		...(error && { error })
	};
}

/**
 * Checks a posted credential: its shape (cheap, here); then in a worker thread (stopped after
 * CREDENTIAL_VERIFY_TIMEOUT_MS) the signature (every proof of a set must hold) and, when it holds, the status list the
 * credential names (the generic Bitstring Status List check, the list's own proof verified); the validity period
 * against now; the issuer. `valid` when all four pass. Throws VerifyBusy when the workers' queue is full.
 */
export async function checkCredential(
	credential: unknown,
	{ timeoutMs = CREDENTIAL_VERIFY_TIMEOUT_MS, now = new Date() } = {}
): Promise<CredentialCheck> {
	const expiry = checkExpiry(credential, now);
	const shape = credentialShapeProblem(credential);
	if (shape)
		return answer({
			signature: { ok: false, error: shape },
			status: notChecked('not a credential'),
			expiry,
			issuer: { ok: false, id: null, error: 'not checked: not a credential' }
		});
	const obj = credential as Record<string, unknown>;
	const named = typeof obj.issuer === 'string' ? obj.issuer : (obj.issuer as { id?: unknown } | null)?.id;
	const issuerName = typeof named === 'string' ? named.slice(0, 300) : null;
	const issuer =
		issuerName && (await issuerDocumentAt(issuerName))
			? { ok: true, id: issuerName }
			: { ok: false, id: issuerName, error: 'not an issuer this Credo publishes' };
	const documents = await documentsFor(obj);
	// no proof names a key of this Credo: nothing to check it against, and no JSON-LD work spent on it
	if (Object.keys(documents).length === 0)
		return answer({
			signature: { ok: false, error: 'not signed with a key of an issuer in this Credo' },
			status: notChecked('the signature is not checked'),
			expiry,
			issuer
		});
	const lists = statusListsOf(obj);
	if (lists.length) Object.assign(documents, await statusDocumentsFor(obj));
	// the signature is checked as of the credential's own start: its period is the expiry check's, against now
	const from =
		typeof obj.validFrom === 'string' && !Number.isNaN(Date.parse(obj.validFrom))
			? new Date(obj.validFrom).toISOString()
			: undefined;
	let sig: VerifyResult;
	try {
		sig = await (
			await readyPool()
		).run({ credential, documents, now: from, status: lists.length > 0 }, { signal: AbortSignal.timeout(timeoutMs) });
	} catch (e) {
		const err = e as Error;
		if (err.name === 'AbortError' || err.name === 'TimeoutError') {
			warm = null; // its thread was ended: the next verification waits for a new one before its clock starts
			return answer({
				signature: { ok: false, error: `verification took longer than ${timeoutMs} ms` },
				status: notChecked('the verification was stopped'),
				expiry,
				issuer
			});
		}
		if (/queue is at limit/i.test(err.message)) throw new VerifyBusy('busy');
		throw e;
	}
	if (!sig.verified)
		return answer({
			signature: { ok: false, error: sig.error ?? 'the signature does not hold' },
			status: notChecked('the signature does not hold'),
			expiry,
			issuer
		});
	const id = typeof obj.id === 'string' && obj.id.startsWith('urn:uuid:') ? obj.id.slice(9) : null;
	const row =
		id && /^[0-9a-f-]{36}$/i.test(id)
			? await db.certificate.findUnique({ where: { id }, select: { code: true } })
			: null;
	const found = row ? await lookupByCode(row.code) : null;
	// a credential signed before status lists has no entry: its status is Credo's record
	const status: StatusCheck =
		sig.status ??
		(!found
			? { ok: false, method: null, revoked: null, error: 'not a certificate issued by this Credo' }
			: found.status === 'revoked'
				? { ok: false, method: 'record', revoked: true, error: 'the credential is revoked' }
				: { ok: true, method: 'record', revoked: false });
	const checks = { signature: { ok: true }, status, expiry, issuer };
	if (!found) return { ...answer(checks), error: 'not a certificate issued by this Credo' };
	return answer(checks, { status: found.status, revokedOn: found.revokedOn ?? null });
}
