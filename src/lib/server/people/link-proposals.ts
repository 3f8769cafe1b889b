// A national worker id typed by a learner only proposes a link; an administrator of the jurisdiction confirms or
// rejects it (the rules: proposalCheck and confirmCheck in linking.ts). Each step is audited and notified.
import { z } from 'zod';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { text, uuid } from '../forms/fields';
import { notify } from './notifications';
import { confirmCheck, proposalCheck, type ConfirmCheck, type ProposalCheck } from './linking';
import { linkRecord } from './worker-links';
import { asLocale } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export const proposeSchema = z.object({ nationalWorkerId: text(64), jurisdictionId: uuid() });
export const decideSchema = z.object({ proposalId: uuid() });

const REFUSAL: Record<Exclude<ProposalCheck, 'propose'>, (j: { jurisdiction: string }) => string> = {
	no_match: (j) => m.link_no_match(j),
	linked_to_other: () => m.link_taken(),
	yours: () => m.link_yours(),
	has_record: () => m.link_has_record(),
	pending: () => m.link_pending(),
	declined: () => m.link_declined()
};

/** The jurisdictions where this person is a learner: where they may look for their record. */
export async function learnerJurisdictions(userId: string) {
	const rows = await db.membership.findMany({
		where: { userId, role: 'LEARNER' },
		select: { jurisdiction: { select: { id: true, name: true } }, organisation: { select: { jurisdiction: true } } }
	});
	const all = rows.map((r) => r.jurisdiction ?? r.organisation?.jurisdiction).filter((j) => !!j);
	return [...new Map(all.map((j) => [j.id, { id: j.id, name: j.name }])).values()];
}

/** The account page: the person's record, or where they may ask for one and what is waiting. */
export async function myRecordLink(userId: string) {
	const [record, jurisdictions, waiting] = await Promise.all([
		db.workerProfile.findUnique({
			where: { userId },
			select: { givenName: true, familyName: true, jurisdiction: { select: { name: true } } }
		}),
		learnerJurisdictions(userId),
		db.workerLinkProposal.findMany({
			where: { userId, status: 'open' },
			select: { id: true, jurisdiction: { select: { name: true } } }
		})
	]);
	return { record, jurisdictions, waiting: waiting.map((p) => ({ id: p.id, jurisdiction: p.jurisdiction.name })) };
}

/** The administrators told about a proposal: the jurisdiction's own, else the global ones. */
async function jurisdictionAdmins(tx: Db, jurisdictionId: string) {
	const select = { user: { select: { id: true, email: true, locale: true, disabledAt: true } } };
	let rows = await tx.membership.findMany({ where: { role: 'ADMIN', jurisdictionId }, select });
	if (!rows.length)
		rows = await tx.membership.findMany({
			where: { role: 'ADMIN', jurisdictionId: null, organisationId: null },
			select
		});
	return rows.map((r) => r.user).filter((u) => !u.disabledAt);
}

export async function proposeLink(user: SessionUser, input: z.output<typeof proposeSchema>, origin: string) {
	const jurisdiction = (await learnerJurisdictions(user.id)).find((j) => j.id === input.jurisdictionId);
	if (!jurisdiction) throw new FieldError('jurisdictionId', m.field_choose());
	const full = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdiction.id } });
	const identifier = await db.workerIdentifier.findUnique({
		where: {
			jurisdictionId_kind_value: { jurisdictionId: full.id, kind: 'NATIONAL_WORKER_ID', value: input.nationalWorkerId }
		},
		select: { worker: { select: { id: true, userId: true } } }
	});
	const match = identifier?.worker ?? null;
	const [hasRecord, existing] = await Promise.all([
		db.workerProfile.findUnique({ where: { userId: user.id }, select: { id: true } }),
		match &&
			db.workerLinkProposal.findUnique({
				where: { workerProfileId_userId: { workerProfileId: match.id, userId: user.id } }
			})
	]);
	const check = proposalCheck({ userId: user.id, hasRecord: !!hasRecord, match, existing: existing ?? null });
	if (check !== 'propose') throw new FieldError('nationalWorkerId', REFUSAL[check]({ jurisdiction: full.name }));
	await db.$transaction(async (tx) => {
		const proposal = await tx.workerLinkProposal.create({
			data: { workerProfileId: match!.id, userId: user.id, jurisdictionId: full.id, reason: 'national_id' }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'worker.link_proposed',
			subjectType: 'worker',
			subjectId: match!.id,
			jurisdictionId: full.id,
			data: { proposalId: proposal.id, userId: user.id, reason: 'national_id' }
		});
		for (const admin of await jurisdictionAdmins(tx, full.id)) {
			const locale = asLocale(admin.locale);
			await notify(
				tx,
				admin,
				{
					kind: 'worker-link-proposed',
					title: m.link_notice_proposed_title({}, { locale }),
					body: m.link_notice_proposed_body({ name: user.name, jurisdiction: full.name }, { locale }),
					link: `/admin/jurisdictions/${full.code}/people`
				},
				origin
			);
		}
	});
}

const CONFIRM_REFUSAL: Record<Exclude<ConfirmCheck, 'link'>, () => string> = {
	decided: () => m.link_admin_decided(),
	record_taken: () => m.link_admin_record_taken(),
	account_has_record: () => m.link_admin_account_has_record()
};

/** Confirms (links and tells the person) or rejects (tells them) an open proposal of this jurisdiction. */
export async function decideProposal(
	actor: SessionUser,
	jurisdictionId: string,
	proposalId: string,
	decision: 'confirm' | 'reject',
	origin: string
) {
	return db.$transaction(async (tx) => {
		const proposal = await tx.workerLinkProposal.findFirst({
			where: { id: proposalId, jurisdictionId },
			include: { user: true, worker: { select: { userId: true } } }
		});
		if (!proposal) throw new DomainError(m.not_found(), 404);
		const accountRecord = await tx.workerProfile.findUnique({
			where: { userId: proposal.userId },
			select: { id: true }
		});
		const check = confirmCheck({
			status: proposal.status,
			recordUserId: proposal.worker.userId,
			accountRecordId: accountRecord?.id ?? null
		});
		if (check === 'decided' || (decision === 'confirm' && check !== 'link'))
			throw new DomainError(CONFIRM_REFUSAL[check as Exclude<ConfirmCheck, 'link'>](), 409);
		// claimed first: of two admins deciding at once, the second finds it decided
		const { count } = await tx.workerLinkProposal.updateMany({
			where: { id: proposalId, status: 'open' },
			data: { status: decision === 'confirm' ? 'confirmed' : 'rejected', decidedById: actor.id, decidedAt: new Date() }
		});
		if (!count) throw new DomainError(m.link_admin_decided(), 409);
		const how = { actorId: actor.id, via: 'national_id', proposalId };
		if (decision === 'confirm') {
			if (!(await linkRecord(tx, proposal.user, proposal.workerProfileId, how, origin)))
				throw new DomainError(m.link_admin_record_taken(), 409);
			return { name: proposal.user.name, confirmed: true };
		}
		await audit(tx, {
			actorId: actor.id,
			action: 'worker.link_rejected',
			subjectType: 'worker',
			subjectId: proposal.workerProfileId,
			jurisdictionId,
			data: { proposalId, userId: proposal.userId }
		});
		const locale = asLocale(proposal.user.locale);
		await notify(
			tx,
			proposal.user,
			{
				kind: 'worker-link-rejected',
				title: m.link_notice_rejected_title({}, { locale }),
				body: m.link_notice_rejected_body({}, { locale }),
				link: '/account'
			},
			origin
		);
		return { name: proposal.user.name, confirmed: false };
	});
}
