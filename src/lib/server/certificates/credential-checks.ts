// The checks of a posted credential beyond its signature, and how the verify API's answer is made of them. No database:
// the revocation check runs in the verification worker thread (verify-worker.ts) with the documents the main thread
// looked up. The status check is the generic one of @digitalbazaar/vc-bitstring-status-list: the list named by the
// credential's `credentialStatus` is loaded, its own proof verified (by the same issuer), and the credential's bit read.
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { DocumentLoader } from './badges.ts';

/** The four reasons a credential can fail, in the order the answer lists them. */
export const CHECKS = ['signature', 'status', 'expiry', 'issuer'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface StatusCheck {
	ok: boolean;
	/** how the status was learnt: the credential's status list, Credo's record (a credential without an entry), none */
	method: 'list' | 'record' | null;
	/** revoked as of now; null when it could not be learnt */
	revoked: boolean | null;
	/** the status list checked (its own proof verified) */
	list?: string;
	error?: string;
}

export interface ExpiryCheck {
	ok: boolean;
	validFrom: string | null;
	validUntil: string | null;
	error?: string;
}

/** The status list address(es) a credential names, at most two (what the verify API loads for it). */
export function statusListsOf(credential: unknown): string[] {
	const status = (credential as { credentialStatus?: unknown } | null)?.credentialStatus;
	const entries = Array.isArray(status) ? status : status ? [status] : [];
	return entries
		.map((e) => (e as { statusListCredential?: unknown } | null)?.statusListCredential)
		.filter((u): u is string => typeof u === 'string')
		.slice(0, 2);
}

/**
 * The credential's revocation status from its status list(s): `revoked` when a bit is set. Fails (ok: false, revoked:
 * null) when the credential has no BitstringStatusListEntry, a list cannot be loaded, or a list's proof does not
 * verify or is not the credential issuer's. Never throws.
 */
export async function checkRevocation(credential: object, loader: DocumentLoader): Promise<StatusCheck> {
	const list = statusListsOf(credential)[0];
	try {
		const r = await checkStatus({ credential, documentLoader: loader, suite: new DataIntegrityProof({ cryptosuite }) });
		if (!r.verified)
			return { ok: false, method: 'list', revoked: null, list, error: short(r.error?.message ?? 'status not checked') };
		const revoked = (r.results ?? []).some((x) => x.status);
		return { ok: !revoked, method: 'list', revoked, list, ...(revoked && { error: 'the credential is revoked' }) };
	} catch (e) {
		return { ok: false, method: 'list', revoked: null, list, error: short(String((e as Error)?.message ?? e)) };
	}
}

const dateOf = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null);

/**
 * The validity period against `now`: validFrom/validUntil (VC 2.0), issuanceDate/expirationDate (VC 1.1). A date that
 * is not one fails.
 */
export function checkExpiry(credential: unknown, now = new Date()): ExpiryCheck {
	const c = (credential && typeof credential === 'object' ? credential : {}) as Record<string, unknown>;
	const fromText = c.validFrom ?? c.issuanceDate;
	const untilText = c.validUntil ?? c.expirationDate;
	const from = dateOf(fromText);
	const until = dateOf(untilText);
	const out = {
		validFrom: typeof fromText === 'string' ? fromText.slice(0, 40) : null,
		validUntil: typeof untilText === 'string' ? untilText.slice(0, 40) : null
	};
	if (fromText !== undefined && !from) return { ok: false, ...out, error: 'validFrom is not a date' };
	if (untilText !== undefined && !until) return { ok: false, ...out, error: 'validUntil is not a date' };
	if (from && from > now) return { ok: false, ...out, error: 'not valid yet' };
	if (until && until < now) return { ok: false, ...out, error: 'expired' };
	return { ok: true, ...out };
}

/** The checks that did not pass (one that could not be made counts as not passed), in CHECKS order. */
export function reasonsOf(checks: Record<CheckName, { ok: boolean }>): CheckName[] {
	return CHECKS.filter((k) => !checks[k].ok);
}

function short(message: string): string {
	return message.length > 200 ? `${message.slice(0, 197)}...` : message;
}
