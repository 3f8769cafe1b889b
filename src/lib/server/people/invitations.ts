// Invitations: a scoped role offered by mail. The link carries a random token (only its hash is stored), so whoever
// holds it has read the invited address's mail: a new account is created with that address, the account that has it
// signs in first, or — when the address has no account — a signed-in person accepts with their own account (the
// worker record of the invited address is still theirs: worker-links.ts).
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError, Forbidden } from '../errors';
import { generateToken, hashToken, type SessionUser } from '../auth/session';
import { hashPassword, passwordProblem } from '../auth/password';
import { enqueueMail } from '../mail/outbox';
import { checkGrantScope } from './memberships';
import { adminJurisdictions } from '../auth/scope';
import { mayGrant, scopeKey, ROLES } from './roles';
import { passwordMessage } from './accounts';
import { linkInvitedAccount } from './worker-links';
import { email, text, password, choice } from '../forms/fields';
import { consentField, recordConsent } from '../privacy/notice';
import { m } from '$lib/paraglide/messages';
import { roleLabel } from '$lib/labels';
import type { Role } from '../generated/prisma/enums';
import type { Locale } from '$lib/paraglide/runtime';

const DAYS = 14;

/** `grant` is "<ROLE>|<scope key>", one choice of the invite form, e.g. "SUPERVISOR|org:<uuid>". */
export const inviteSchema = z.object({
	email: email(),
	grant: z
		.string({ error: () => m.field_choose() })
		.regex(/^[A-Z]+\|((org|jur):[0-9a-f-]{36}|global)$/, { error: () => m.field_choose() })
		.transform((v) => v.split('|') as [string, string])
		.pipe(z.tuple([choice(ROLES as [Role, ...Role[]]), z.string()]))
		.transform(([role, scope]) => ({ role, scope }))
});

export function parseScope(scope: string) {
	const [kind, id] = scope.split(':');
	return { organisationId: kind === 'org' ? id : null, jurisdictionId: kind === 'jur' ? id : null };
}

export async function invite(actor: SessionUser, input: z.output<typeof inviteSchema>, origin: string, locale: Locale) {
	const grant = { role: input.grant.role, ...parseScope(input.grant.scope) };
	if (!mayGrant(actor, grant)) throw new Forbidden();
	const jurisdictionId = await checkGrantScope(grant);
	const token = generateToken();
	return db.$transaction(async (tx) => {
		const invitation = await tx.invitation.create({
			data: {
				tokenHash: hashToken(token),
				email: input.email,
				...grant,
				invitedById: actor.id,
				expiresAt: new Date(Date.now() + DAYS * 86_400_000)
			}
		});
		await audit(tx, {
			actorId: actor.id,
			action: 'invitation.sent',
			subjectType: 'invitation',
			subjectId: invitation.id,
			organisationId: grant.organisationId,
			jurisdictionId,
			data: { email: input.email, role: grant.role }
		});
		const mailId = await enqueueMail(tx, {
			to: input.email,
			kind: 'invitation',
			subject: m.mail_invite_subject({ name: actor.name }, { locale }),
			text: m.mail_invite_body(
				{ name: actor.name, role: roleLabel(grant.role, locale), link: `${origin}/invitations/${token}`, days: DAYS },
				{ locale }
			)
		});
		return { invitation, mailIds: [mailId] };
	});
}

/**
 * Invitations sent and not answered yet (neither accepted nor expired) that this person may see: every one for a global
 * administrator; those of the jurisdictions they administer (a role there or in one of its organisations) for a
 * jurisdiction's administrator; otherwise the ones they sent. Newest first.
 */
export async function waitingInvitations(user: SessionUser, now = new Date(), take = 200) {
	const ids = adminJurisdictions(user);
	const seen =
		ids === null
			? {}
			: {
					OR: [
						{ invitedById: user.id },
						...(ids.length ? [{ jurisdictionId: { in: ids } }, { organisation: { jurisdictionId: { in: ids } } }] : [])
					]
				};
	const where = { acceptedAt: null, expiresAt: { gt: now }, ...seen };
	const [total, rows] = await Promise.all([
		db.invitation.count({ where }),
		db.invitation.findMany({
			where,
			orderBy: { createdAt: 'desc' },
			take,
			select: {
				id: true,
				email: true,
				role: true,
				createdAt: true,
				expiresAt: true,
				invitedBy: { select: { name: true } },
				organisation: { select: { name: true } },
				jurisdiction: { select: { name: true } }
			}
		})
	]);
	return { total, rows };
}

export async function findInvitation(token: string) {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const inv = await db.invitation.findUnique({
		where: { tokenHash: hashToken(token) },
		include: { organisation: true, jurisdiction: true, invitedBy: { select: { name: true } } }
	});
	if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) return null;
	const existing = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
	return { ...inv, hasAccount: !!existing };
}

/** Accepts for a signed-in user: the invited address's own account, or anyone when that address has no account. */
export async function acceptAsUser(token: string, user: SessionUser, origin: string) {
	const inv = await findInvitation(token);
	if (!inv) throw new DomainError(m.token_invalid(), 404);
	if (inv.email !== user.email && inv.hasAccount) throw new Forbidden(m.invite_other_email({ email: inv.email }));
	return accept(inv, user.id, origin);
}

export const acceptNewSchema = z.object({ name: text(200), password: password(), privacy: consentField() });

/** Creates the account for the invited address (the mailed link proves it) and accepts. */
export async function acceptAsNewUser(
	token: string,
	input: z.output<typeof acceptNewSchema>,
	locale: Locale,
	origin: string
) {
	const inv = await findInvitation(token);
	if (!inv) throw new DomainError(m.token_invalid(), 404);
	if (inv.hasAccount) throw new DomainError(m.invite_sign_in_first(), 400);
	const msg = passwordMessage(passwordProblem(input.password));
	if (msg) throw new FieldError('password', msg);
	const passwordHash = await hashPassword(input.password);
	const user = await db.$transaction(async (tx) => {
		const created = await tx.user.create({
			data: { email: inv.email, name: input.name, passwordHash, locale, emailVerifiedAt: new Date() }
		});
		await recordConsent(tx, created.id);
		return created;
	});
	await accept(inv, user.id, origin);
	return user;
}

async function accept(inv: NonNullable<Awaited<ReturnType<typeof findInvitation>>>, userId: string, origin: string) {
	const jurisdictionId = inv.jurisdictionId ?? inv.organisation?.jurisdictionId ?? null;
	await db.$transaction(async (tx) => {
		const { count } = await tx.invitation.updateMany({
			where: { id: inv.id, acceptedAt: null },
			data: { acceptedAt: new Date(), acceptedById: userId }
		});
		if (!count) throw new DomainError(m.token_invalid(), 404);
		const key = scopeKey(inv);
		await tx.membership.upsert({
			where: { userId_role_scopeKey: { userId, role: inv.role, scopeKey: key } },
			create: {
				userId,
				role: inv.role,
				organisationId: inv.organisationId,
				jurisdictionId: inv.jurisdictionId,
				scopeKey: key,
				grantedById: inv.invitedById
			},
			update: {}
		});
		const account = await tx.user.findUniqueOrThrow({ where: { id: userId } });
		await linkInvitedAccount(tx, account, inv, jurisdictionId, origin);
		await audit(tx, {
			actorId: userId,
			action: 'invitation.accepted',
			subjectType: 'invitation',
			subjectId: inv.id,
			organisationId: inv.organisationId,
			jurisdictionId,
			// accepted by an account with another address: the invited one is kept here
			data: { role: inv.role, scope: key, ...(account.email !== inv.email && { invitedEmail: inv.email }) }
		});
		await audit(tx, {
			actorId: inv.invitedById,
			action: 'role.granted',
			subjectType: 'user',
			subjectId: userId,
			organisationId: inv.organisationId,
			jurisdictionId,
			data: { role: inv.role, scope: key, via: 'invitation', invitationId: inv.id }
		});
	});
}
