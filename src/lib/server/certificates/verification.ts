// Public verification of a certificate by its code: status (valid / expired / revoked with date), holder name,
// programme, provider and recognition; nothing more personal. A mistyped code (bad check character) is told apart
// from an unknown one; an unknown code reveals nothing. Rate-limited per client address (limits are settings).
import { db } from '../db';
import type { Limit } from '../auth/rate-limit';
import { localDate } from '../cpd/dates';
import { parseVerificationCode, formatVerificationCode } from './code';
import { publicOrigin } from './origin';

export const VERIFY_LIMIT: Limit = {
	limit: Number(process.env.VERIFY_RATE_LIMIT ?? 120),
	windowMs: Number(process.env.VERIFY_RATE_WINDOW_SECONDS ?? 60) * 1000,
	lockMs: Number(process.env.VERIFY_RATE_WINDOW_SECONDS ?? 60) * 1000
};

export type VerifyStatus = 'valid' | 'expired' | 'revoked' | 'not_yet_valid';

export interface PublicCertificate {
	code: string;
	status: VerifyStatus;
	/** null when the holder was erased on request: the certificate is then "issued to a former holder" */
	holderName: string | null;
	formerHolder: boolean;
	programme: string;
	provider: string;
	recognition: { recognised: boolean; government: boolean; approvedProvider: boolean; reference: string | null; date: string | null };
	issuedOn: string;
	expiresOn: string | null;
	revokedOn: string | null;
	verifyUrl: string;
}

export type Lookup = { kind: 'found'; certificate: PublicCertificate } | { kind: 'mistyped' } | { kind: 'malformed' } | { kind: 'unknown' } | { kind: 'limited'; retryAfter: number };

/**
 * Counts one lookup for this client and returns the seconds to wait when over the limit (0 = go ahead). One
 * statement (count, window and lock together): verification is a hot public path.
 */
export async function throttle(ip: string, now = new Date()): Promise<number> {
	const key = `verify:${ip}`;
	const windowStart = new Date(now.getTime() - VERIFY_LIMIT.windowMs);
	const lockEnd = new Date(now.getTime() + VERIFY_LIMIT.lockMs);
	const [r] = await db.$queryRaw<{ locked_until: Date | null }[]>`
		insert into rate_limits (key, count, window_start) values (${key}, 1, ${now})
		on conflict (key) do update set
			count = case when rate_limits.locked_until > ${now} then rate_limits.count
				when rate_limits.window_start <= ${windowStart} then 1 else rate_limits.count + 1 end,
			window_start = case when rate_limits.locked_until > ${now} then rate_limits.window_start
				when rate_limits.window_start <= ${windowStart} then ${now} else rate_limits.window_start end,
			locked_until = case when rate_limits.locked_until > ${now} then rate_limits.locked_until
				when rate_limits.window_start > ${windowStart} and rate_limits.count + 1 >= ${VERIFY_LIMIT.limit} then ${lockEnd}
				else rate_limits.locked_until end
		returning locked_until`;
	return r.locked_until && r.locked_until > now ? Math.max(1, Math.ceil((r.locked_until.getTime() - now.getTime()) / 1000)) : 0;
}

export async function lookup(input: string, ip: string, now = new Date()): Promise<Lookup> {
	const parsed = parseVerificationCode(input ?? '');
	// well-formed or not, every attempt counts: guessing codes costs the same as checking them. The count and the
	// lookup go out together; the lookup's answer is dropped when the client is over the limit.
	const [wait, certificate] = await Promise.all([throttle(ip, now), parsed.ok ? lookupByCode(parsed.code, now) : null]);
	if (wait) return { kind: 'limited', retryAfter: wait };
	if (!parsed.ok) return { kind: parsed.reason === 'check' ? 'mistyped' : 'malformed' };
	return certificate ? { kind: 'found', certificate } : { kind: 'unknown' };
}

/** The public facts of the certificate with this (canonical) code, or null. */
export async function lookupByCode(code: string, now = new Date()): Promise<PublicCertificate | null> {
	// one round trip: everything the page shows, with the jurisdiction's time zone for "today"
	const rows = await db.$queryRaw<
		{
			code: string; holder_name: string; holder_erased: boolean; issued_on: Date; expires_on: Date | null; revoked_at: Date | null; 
			programme: string; provider: string; recognition_status: string; government_recognised: boolean; approved_provider: boolean;
			recognition_reference: string | null; recognition_date: Date | null; time_zone: string;
		}[]
	>`
		select c.code, c.holder_name, c.holder_erased, c.issued_on, c.expires_on, c.revoked_at,
			p.title as programme, o.name as provider, p.recognition_status::text, p.government_recognised, p.approved_provider,
			p.recognition_reference, p.recognition_date, j.time_zone
		from certificates c join programmes p on p.id = c.programme_id join organisations o on o.id = p.provider_id
		join jurisdictions j on j.id = c.jurisdiction_id
		where c.code = ${code}`;
	const r = rows[0];
	if (!r) return null;
	const today = localDate(now, r.time_zone);
	const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
	const status: VerifyStatus = r.revoked_at
		? 'revoked'
		: day(r.issued_on)! > today
			? 'not_yet_valid'
			: r.expires_on && day(r.expires_on)! < today
				? 'expired'
				: 'valid';
	return {
			code: formatVerificationCode(r.code),
			status,
			holderName: r.holder_erased ? null : r.holder_name,
			formerHolder: r.holder_erased,
			programme: r.programme,
			provider: r.provider,
			recognition: {
				recognised: r.recognition_status === 'CONFIRMED', government: r.government_recognised, approvedProvider: r.approved_provider,
				reference: r.recognition_status === 'CONFIRMED' ? r.recognition_reference : null, date: r.recognition_status === 'CONFIRMED' ? day(r.recognition_date) : null
			},
			issuedOn: day(r.issued_on)!,
			expiresOn: day(r.expires_on),
			revokedOn: r.revoked_at ? localDate(r.revoked_at, r.time_zone) : null,
			verifyUrl: verifyUrl(r.code)
	};
}

export function verifyUrl(code: string) {
	return `${publicOrigin()}/verify/${encodeURIComponent(formatVerificationCode(code))}`;
}
