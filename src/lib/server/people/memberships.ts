// Granting and removing roles. Every change is an audit event and a notice to the person.
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { notify } from './notifications';
import { ROLE_ORG_TYPE, ROLE_SCOPES, mayGrant, scopeKey, scopeKind, type Grant } from './roles';
import { m } from '$lib/paraglide/messages';
import { asLocale, roleLabel } from '$lib/labels';

/** Checks the grant names a real scope of the right kind for the role; returns its jurisdiction. */
export async function checkGrantScope(grant: Grant): Promise<string | null> {
	if (!ROLE_SCOPES[grant.role].includes(scopeKind(grant)))
		throw new DomainError(m.grant_scope_wrong(), 400, { scope: m.grant_scope_wrong() });
	if (grant.organisationId) {
		const org = await db.organisation.findUnique({ where: { id: grant.organisationId } });
		if (!org) throw new DomainError(m.field_choose(), 400, { scope: m.field_choose() });
		// an analyst is held in an organisation only when it is a ministry, an author only in a training provider
		const only = ROLE_ORG_TYPE[grant.role];
		if (only && org.type !== only) throw new DomainError(m.grant_scope_wrong(), 400, { scope: m.grant_scope_wrong() });
		return org.jurisdictionId;
	}
	if (grant.jurisdictionId) {
		const j = await db.jurisdiction.findUnique({ where: { id: grant.jurisdictionId } });
		if (!j) throw new DomainError(m.field_choose(), 400, { scope: m.field_choose() });
		return j.id;
	}
	return null;
}

export async function grantRole(actor: SessionUser, userId: string, grant: Grant, origin: string) {
	if (!mayGrant(actor, grant)) throw new Forbidden();
	const jurisdictionId = await checkGrantScope(grant);
	const user = await db.user.findUnique({ where: { id: userId } });
	if (!user) throw new DomainError(m.not_found(), 404);
	const key = scopeKey(grant);
	return db.$transaction(async (tx) => {
		const existing = await tx.membership.findUnique({
			where: { userId_role_scopeKey: { userId, role: grant.role, scopeKey: key } }
		});
		if (existing) return { membership: existing, mailIds: [] as string[] };
		const membership = await tx.membership.create({ data: { userId, ...grant, scopeKey: key, grantedById: actor.id } });
		await audit(tx, {
			actorId: actor.id,
			action: 'role.granted',
			subjectType: 'user',
			subjectId: userId,
			organisationId: grant.organisationId,
			jurisdictionId,
			data: { role: grant.role, scope: key }
		});
		const mailId = await notify(
			tx,
			user,
			{
				kind: 'role-granted',
				title: m.notice_role_granted_title({}, { locale: asLocale(user.locale) }),
				body: m.notice_role_granted_body(
					{ role: roleLabel(grant.role, user.locale) },
					{ locale: asLocale(user.locale) }
				),
				link: '/dashboard'
			},
			origin
		);
		return { membership, mailIds: [mailId] };
	});
}

export async function removeRole(actor: SessionUser, membershipId: string, reason: string, origin: string) {
	const membership = await db.membership.findUnique({ where: { id: membershipId }, include: { user: true } });
	if (!membership) throw new DomainError(m.not_found(), 404);
	if (!mayGrant(actor, membership)) throw new Forbidden();
	if (membership.userId === actor.id && membership.role === 'ADMIN')
		throw new DomainError(m.role_remove_self(), 400, { reason: m.role_remove_self() });
	return db.$transaction(async (tx) => {
		await tx.membership.delete({ where: { id: membershipId } });
		await audit(tx, {
			actorId: actor.id,
			action: 'role.removed',
			subjectType: 'user',
			subjectId: membership.userId,
			reason,
			organisationId: membership.organisationId,
			jurisdictionId: membership.jurisdictionId,
			data: { role: membership.role, scope: membership.scopeKey }
		});
		const u = membership.user;
		return notify(
			tx,
			u,
			{
				kind: 'role-removed',
				title: m.notice_role_removed_title({}, { locale: asLocale(u.locale) }),
				body: m.notice_role_removed_body(
					{ role: roleLabel(membership.role, u.locale), reason },
					{ locale: asLocale(u.locale) }
				)
			},
			origin
		);
	});
}
