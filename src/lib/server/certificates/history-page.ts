// The page where certificates are recorded from a provider's records: the jurisdictions the person may record in (an
// administrator or regulator of it, or a member of one of its providers) and the one the page is about.
import { error } from '@sveltejs/kit';
import { db } from '../db';
import { isAdmin } from '../auth/guards';
import type { SessionUser } from '../auth/session';
import { mayRecordCertificates } from './history-rows';
import { m } from '$lib/paraglide/messages';

/** The jurisdictions the person may record certificates in, and the chosen one (by code; the first when none). */
export async function recordingJurisdiction(user: SessionUser, code: string | null) {
	const ids = new Set(
		user.memberships.flatMap((x) => [x.jurisdictionId, x.orgJurisdictionId]).filter((x): x is string => !!x)
	);
	const all = await db.jurisdiction.findMany({
		where: isAdmin(user) ? {} : { id: { in: [...ids] } },
		select: { id: true, code: true, name: true },
		orderBy: { name: 'asc' }
	});
	const mine = all.filter((j) => mayRecordCertificates(user, j.id));
	if (!mine.length) error(403, m.error_forbidden());
	const chosen = code === null ? mine[0] : mine.find((j) => j.code === code);
	if (!chosen) error(404, m.not_found());
	return { jurisdiction: chosen, jurisdictions: mine };
}
