// The learner's certificates page: which programme's certificate the person holds today, so that a programme she
// holds is shown as held (with what a renewed one would need), not as requirements still to do.
import { fromDate } from '$lib/calendar-day';
import { certificateStatus } from './standing';

export interface HeldInput {
	id: string;
	programmeId: string;
	issuedOn: Date;
	expiresOn: Date | null;
	revokedOn: Date | null;
}

/** Per programme, the certificate valid on `day` (YYYY-MM-DD) with the latest expiry (no expiry first); a revoked or
 *  expired certificate is not held. One dated after `day` is held: it was issued today in a jurisdiction whose day
 *  has already turned (certificates are dated in the jurisdiction, `day` is the reader's). */
export function heldByProgramme<C extends HeldInput>(certificates: C[], day: string): Map<string, C> {
	const held = new Map<string, C>();
	const lasts = (c: C) => (c.expiresOn ? fromDate(c.expiresOn) : '9999-12-31');
	for (const c of certificates) {
		const dates = {
			issuedOn: fromDate(c.issuedOn),
			expiresOn: c.expiresOn && fromDate(c.expiresOn),
			revokedOn: c.revokedOn && fromDate(c.revokedOn)
		};
		const status = certificateStatus(dates, day);
		if (status !== 'valid' && status !== 'not_yet_valid') continue;
		const before = held.get(c.programmeId);
		if (!before || lasts(c) > lasts(before)) held.set(c.programmeId, c);
	}
	return held;
}
