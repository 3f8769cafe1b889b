// Finding an account by the address someone types into a privileged form (a placement's field supervisor, a
// supervision assignment, ...): only an account whose owner has proved the address counts. Anyone can register under
// any address; until they confirm it, the address is not theirs. An unverified or unknown address gets an invitation
// instead (when the person typing may grant the role it comes with), and the form says so beside the field.
import { db } from '../db';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { invite } from './invitations';
import { mayGrant, scopeKey, type Grant } from './roles';
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

/** The enabled account that proved this address, or null (none, unverified, disabled). */
export function verifiedAccount(address: string) {
	return db.user.findFirst({
		where: { email: address.trim().toLowerCase(), emailVerifiedAt: { not: null }, disabledAt: null },
		select: { id: true, email: true, name: true }
	});
}

function currentLocale(): Locale {
	try {
		return getLocale();
	} catch {
		return 'en'; // outside a request (tests, jobs)
	}
}

/**
 * The verified account of each field's address; for any other address an invitation with `grant` is sent (once: a
 * pending one is not sent again) and a DomainError names each such field. Nothing else changes.
 */
export async function verifiedAccountsOrInvite(
	actor: SessionUser,
	fields: Record<string, { address: string; grant: Grant } | null>,
	origin: string
): Promise<Record<string, { id: string; email: string; name: string }>> {
	const found: Record<string, { id: string; email: string; name: string }> = {};
	const problems: Record<string, string> = {};
	for (const [field, want] of Object.entries(fields)) {
		if (!want) continue;
		const account = await verifiedAccount(want.address);
		if (account) {
			found[field] = account;
			continue;
		}
		problems[field] = (await inviteOnce(actor, want.address.trim().toLowerCase(), want.grant, origin))
			? m.review_unverified_invited({ email: want.address })
			: m.review_unverified_no_invite();
	}
	if (Object.keys(problems).length) throw new DomainError(Object.values(problems)[0], 400, problems);
	return found;
}

/** Sends an invitation unless one for this address and grant is still pending; false when the actor may not grant. */
async function inviteOnce(actor: SessionUser, address: string, grant: Grant, origin: string): Promise<boolean> {
	if (!mayGrant(actor, grant)) return false;
	const pending = await db.invitation.findFirst({
		where: {
			email: address,
			role: grant.role,
			organisationId: grant.organisationId,
			jurisdictionId: grant.jurisdictionId,
			acceptedAt: null,
			expiresAt: { gt: new Date() }
		},
		select: { id: true }
	});
	if (!pending)
		await invite(
			actor,
			{ email: address, grant: { role: grant.role, scope: scopeKey(grant) } },
			origin,
			currentLocale()
		);
	return true;
}
