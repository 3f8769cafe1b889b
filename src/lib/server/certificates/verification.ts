// Public verification of a certificate by its code: status (valid / expired / revoked with date), holder name,
// programme, provider and recognition; nothing more personal. A mistyped code (bad check character) is told apart
// from an unknown one; an unknown code reveals nothing. Rate-limited per client address (limits are settings).
import { db } from '../db';
import { batched } from '../hot/batch';
import { renumbered, type Fragment } from '../hot/fragment';
import { hotPool, named, type Named } from '../hot/pool';
import type { Limit } from '../auth/rate-limit';
import { dayIn as localDate } from '$lib/calendar-day';
import { parseVerificationCode, formatVerificationCode } from './code';
import { publicOrigin } from './origin';
import { certificateStatus, isRecognised, type CertificateStatus } from './standing';

export const VERIFY_LIMIT: Limit = {
	limit: Number(process.env.VERIFY_RATE_LIMIT ?? 120),
	windowMs: Number(process.env.VERIFY_RATE_WINDOW_SECONDS ?? 60) * 1000,
	lockMs: Number(process.env.VERIFY_RATE_WINDOW_SECONDS ?? 60) * 1000
};

export type VerifyStatus = CertificateStatus;

export interface PublicCertificate {
	code: string;
	status: VerifyStatus;
	/** null when the holder was erased on request: the certificate is then "issued to a former holder" */
	holderName: string | null;
	formerHolder: boolean;
	programme: string;
	provider: string;
	recognition: {
		recognised: boolean;
		government: boolean;
		approvedProvider: boolean;
		reference: string | null;
		date: string | null;
	};
	issuedOn: string;
	expiresOn: string | null;
	revokedOn: string | null;
	/** a certificate copied from the provider's own records (issued before Credo or outside it), with the provider's
	 *  number: Credo vouches that it was recorded, not that it issued it */
	recorded: { number: string | null } | null;
	verifyUrl: string;
}

export type Lookup =
	| { kind: 'found'; certificate: PublicCertificate }
	| { kind: 'mistyped' }
	| { kind: 'malformed' }
	| { kind: 'unknown' }
	| { kind: 'limited'; retryAfter: number };

/**
 * Counts one lookup for this client and returns the seconds to wait when over the limit (0 = go ahead). The same
 * counting as the verification lookups (verify_hits, one statement: count, window and lock together).
 */
export async function throttle(ip: string, now = new Date()): Promise<number> {
	const [r] = await db.$queryRaw<{ until: Date | null }[]>`
		select until from verify_hits(array[${`verify:${ip}`}], array[${now}::timestamptz], ${VERIFY_LIMIT.windowMs}::int, ${VERIFY_LIMIT.limit}::int, ${VERIFY_LIMIT.lockMs}::int)`;
	return waitSeconds(r.until, now);
}

/** Whole seconds until the lock ends (at least 1), or 0 when there is no lock now. */
function waitSeconds(until: Date | null, now: Date): number {
	return until && until > now ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0;
}

// Lookups that arrive in the same turn of the event loop (../batch.ts) are counted and looked up in one statement:
// verify_hits (a migration) counts each against its client's limit in order, exactly as one lookup alone would be
// counted, and returns the lock end after each; the certificates are read by position (the certificate fragment's
// code is this lookup's own element of the array $6).
let countAndLookUpStatement: Named | undefined;
const countAndLookUp = () =>
	(countAndLookUpStatement ??= named(
		'verify-count-lookup',
		`
	select h.pos, h.until as locked_until, x.*
	from verify_hits($1::text[], $2::timestamptz[], $3, $4, $5) h
	left join lateral (${renumbered(certificate(''), () => '($6::text[])[h.pos]')}) x on ($6::text[])[h.pos] is not null
	order by h.pos`
	));

interface Hit {
	key: string;
	now: Date;
	code: string | null;
}

const countAndLookUpBatch = batched(async (hits: Hit[]) => {
	const { rows } = await hotPool().query<CertificateRow & { pos: number; locked_until: Date | null }>({
		...countAndLookUp(),
		values: [
			hits.map((h) => h.key),
			hits.map((h) => h.now),
			VERIFY_LIMIT.windowMs,
			VERIFY_LIMIT.limit,
			VERIFY_LIMIT.lockMs,
			hits.map((h) => h.code)
		]
	});
	const byPosition = new Map(rows.map((r) => [Number(r.pos), r]));
	return hits.map((_, i) => byPosition.get(i + 1)!);
});

/**
 * Counts the attempt and looks the code up in one statement on the plain pg pool (the hot public path); the
 * certificate is dropped when the client is over the limit. Well-formed or not, every attempt counts: guessing
 * codes costs the same as checking them.
 */
export async function lookup(input: string, ip: string, now = new Date()): Promise<Lookup> {
	const parsed = parseVerificationCode(input ?? '');
	const r = await countAndLookUpBatch({ key: `verify:${ip}`, now, code: parsed.ok ? parsed.code : null });
	const wait = waitSeconds(r.locked_until, now);
	if (wait) return { kind: 'limited', retryAfter: wait };
	if (!parsed.ok) return { kind: parsed.reason === 'check' ? 'mistyped' : 'malformed' };
	return r.code ? { kind: 'found', certificate: publicView(r, now) } : { kind: 'unknown' };
}

interface CertificateRow {
	/** dates as YYYY-MM-DD text: no time-zone conversion on the way */
	code: string;
	holder_name: string;
	holder_erased: boolean;
	issued_on: string;
	expires_on: string | null;
	revoked_at: Date | null;
	revoked_on: string | null;
	source: string;
	external_number: string | null;
	programme: string;
	provider: string;
	recognition_status: string;
	government_recognised: boolean;
	approved_provider: boolean;
	recognition_reference: string | null;
	recognition_date: string | null;
	time_zone: string;
}

/** Everything the verification page shows, with the jurisdiction's time zone for "today"; $1 is the code. */
const CERTIFICATE = `
	select c.code, c.holder_name, c.holder_erased, c.issued_on::text, c.expires_on::text, c.revoked_at,
		c.revoked_on::text, c.source::text, c.external_number, coalesce(c.programme_title, p.title) as programme, o.name as provider, p.recognition_status::text, p.government_recognised, p.approved_provider,
		p.recognition_reference, p.recognition_date::text, j.time_zone
	from certificates c join programmes p on p.id = c.programme_id join organisations o on o.id = p.provider_id
	join jurisdictions j on j.id = c.jurisdiction_id
	where c.code = $1`;
const certificate = (code: string): Fragment => ({ text: CERTIFICATE, values: [code] });

/** The public facts of the certificate with this (canonical) code, or null (no rate limit: for signed-in checks). */
export async function lookupByCode(code: string, now = new Date()): Promise<PublicCertificate | null> {
	const { text, values } = certificate(code);
	const { rows } = await hotPool().query<CertificateRow>({
		...named('certificate-by-code', text),
		values: [...values]
	});
	return rows[0] ? publicView(rows[0], now) : null;
}

function publicView(r: CertificateRow, now: Date): PublicCertificate {
	const today = localDate(now, r.time_zone);
	const status = certificateStatus({ issuedOn: r.issued_on, expiresOn: r.expires_on, revokedOn: r.revoked_on }, today);
	const confirmed = isRecognised({ recognitionStatus: r.recognition_status });
	return {
		code: formatVerificationCode(r.code),
		status,
		holderName: r.holder_erased ? null : r.holder_name,
		formerHolder: r.holder_erased,
		programme: r.programme,
		provider: r.provider,
		recognition: {
			recognised: confirmed,
			government: r.government_recognised,
			approvedProvider: r.approved_provider,
			reference: confirmed ? r.recognition_reference : null,
			date: confirmed ? r.recognition_date : null
		},
		issuedOn: r.issued_on,
		expiresOn: r.expires_on,
		revokedOn: r.revoked_on,
		recorded: r.source === 'RECORDED' ? { number: r.external_number } : null,
		verifyUrl: verifyUrl(r.code)
	};
}

export function verifyUrl(code: string) {
	return `${publicOrigin()}/verify/${encodeURIComponent(formatVerificationCode(code))}`;
}
