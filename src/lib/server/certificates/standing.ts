// What a certificate is worth on a given day: the one definition of "valid" and "recognised". Verification shows it,
// and the indicators count it. The indicators read it from date spans the database keeps on each worker
// (refresh_worker_spans, migration …_indicator_spans): a copy in SQL kept for speed, checked against this one on the
// same certificates by standing.test.ts.

export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'not_yet_valid';

export interface CertificateDates {
	/** YYYY-MM-DD */
	issuedOn: string;
	expiresOn: string | null;
	/** the first day it no longer counts (YYYY-MM-DD), or null when not revoked */
	revokedOn: string | null;
}

/** The status on `day` (YYYY-MM-DD in the certificate's jurisdiction): revoked from the revocation's effective day
 *  (a report for an earlier day still counts it); valid from the day it was issued through the day it expires, both
 *  included. */
export function certificateStatus(c: CertificateDates, day: string): CertificateStatus {
	if (c.revokedOn !== null && c.revokedOn <= day) return 'revoked';
	if (c.issuedOn > day) return 'not_yet_valid';
	if (c.expiresOn !== null && c.expiresOn < day) return 'expired';
	return 'valid';
}

/** A programme is recognised now while the regulator's confirmation stands (not requested, refused or withdrawn);
 *  on a past day, while one of its recognition periods held (recognisedOn). */
export function isRecognised(p: { recognitionStatus: string }): boolean {
	return p.recognitionStatus === 'CONFIRMED';
}

/** A period a programme was recognised: days inclusive, YYYY-MM-DD (to null: still is). */
export interface RecognitionPeriod {
	fromOn: string;
	toOn: string | null;
}

/** Recognised on `day`: inside one of the programme's recognition periods (programme_recognition_periods). */
export function recognisedOn(periods: readonly RecognitionPeriod[], day: string): boolean {
	return periods.some((r) => r.fromOn <= day && (r.toOn === null || day <= r.toOn));
}

/** Counts as a recognised credential for a worker of `jurisdictionId` on `day`: issued there, by a programme of that
 *  jurisdiction recognised that day, and valid that day. */
export function countsFor(
	jurisdictionId: string,
	c: CertificateDates & { jurisdictionId: string },
	p: { jurisdictionId: string; recognitionPeriods: readonly RecognitionPeriod[] },
	day: string
): boolean {
	return (
		c.jurisdictionId === jurisdictionId &&
		p.jurisdictionId === jurisdictionId &&
		recognisedOn(p.recognitionPeriods, day) &&
		certificateStatus(c, day) === 'valid'
	);
}
