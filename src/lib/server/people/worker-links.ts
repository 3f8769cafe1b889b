// Linking accounts to worker records in the database: the rules are in linking.ts, this applies them. Every link is
// an audit event and a notice to the person.
import type { Db } from '../db';
import { giveCertificatesToAccount } from './workers';
import { audit } from '../audit/audit';
import { notify } from './notifications';
import { invitationLink, recordForAddress, type Candidate } from './linking';
import { asLocale } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

interface Account {
	id: string;
	email: string;
	locale: string;
	emailVerifiedAt: Date | null;
}

/** Unlinked records whose address is one of these, compared without case (the candidates of linking.ts). */
function candidates(tx: Db, emails: string[]): Promise<Candidate[]> {
	return tx.workerProfile.findMany({
		where: {
			userId: null,
			OR: emails.map((email) => ({ email: { equals: email.trim(), mode: 'insensitive' as const } }))
		},
		select: { id: true, jurisdictionId: true, email: true, userId: true },
		take: 50
	});
}

/**
 * Links the record to the account unless someone linked it first (then false: nothing changed). The audit carries
 * how the link was proven.
 */
export async function linkRecord(
	tx: Db,
	account: Pick<Account, 'id' | 'email' | 'locale'>,
	workerId: string,
	how: { actorId: string | null; via: string; [detail: string]: string | boolean | null },
	origin: string
): Promise<boolean> {
	const { count } = await tx.workerProfile.updateMany({
		where: { id: workerId, userId: null },
		data: { userId: account.id }
	});
	if (!count) return false;
	await giveCertificatesToAccount(tx, workerId, account.id);
	const worker = await tx.workerProfile.findUniqueOrThrow({
		where: { id: workerId },
		select: { jurisdictionId: true, givenName: true, familyName: true, jurisdiction: { select: { name: true } } }
	});
	const { actorId, ...data } = how;
	await audit(tx, {
		actorId,
		action: 'worker.linked',
		subjectType: 'worker',
		subjectId: workerId,
		jurisdictionId: worker.jurisdictionId,
		data: { userId: account.id, ...data }
	});
	const locale = asLocale(account.locale);
	await notify(
		tx,
		account,
		{
			kind: 'worker-linked',
			title: m.link_notice_linked_title({}, { locale }),
			body: m.link_notice_linked_body(
				{ name: `${worker.givenName} ${worker.familyName}`, jurisdiction: worker.jurisdiction.name },
				{ locale }
			),
			link: '/account'
		},
		origin
	);
	return true;
}

/** A newly verified address: the one unlinked record with it (in the jurisdiction, when known) becomes the person's. */
export async function linkVerifiedAddress(tx: Db, account: Account, jurisdictionId: string | null, origin: string) {
	if (await tx.workerProfile.findUnique({ where: { userId: account.id }, select: { id: true } })) return false;
	const workerId = recordForAddress(await candidates(tx, [account.email]), account.email, jurisdictionId);
	if (!workerId) return false;
	return linkRecord(tx, account, workerId, { actorId: account.id, via: 'verified_email' }, origin);
}

/** An accepted invitation: the record of the invited address (see invitationLink); never a new, empty record. */
export async function linkInvitedAccount(
	tx: Db,
	account: Account,
	invitation: { id: string; email: string },
	jurisdictionId: string | null,
	origin: string
) {
	const hasRecord = !!(await tx.workerProfile.findUnique({ where: { userId: account.id }, select: { id: true } }));
	const decision = invitationLink({
		invitedEmail: invitation.email,
		account: { email: account.email, verified: !!account.emailVerifiedAt, hasRecord },
		jurisdictionId,
		candidates: hasRecord ? [] : await candidates(tx, [invitation.email, account.email])
	});
	if (decision.kind === 'none') return false;
	return linkRecord(
		tx,
		account,
		decision.workerId,
		{
			actorId: account.id,
			via: 'invitation',
			invitationId: invitation.id,
			matchedOn: decision.matchedOn,
			addressDiffers: decision.addressDiffers,
			invitedEmail: decision.addressDiffers ? invitation.email : null
		},
		origin
	);
}
