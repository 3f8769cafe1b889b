// Who scores indicator 3.a.1 for a jurisdiction (the rule that follows from it is indicators/access.ts): its ministry,
// its regulator (the default) or a partner organisation chosen from its organisations register. Set by a global
// administrator or the jurisdiction's own; every change is an audit event with the choice before and after.
import { z } from 'zod';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { FieldError, Forbidden } from '../errors';
import { administers } from '../auth/scope';
import type { SessionUser } from '../auth/session';
import { choice, optionalText } from '../forms/fields';
import type { QaScorer } from '../generated/prisma/enums';
import { notify } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { asLocale } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export const QA_SCORERS = ['MINISTRY', 'REGULATOR', 'PARTNER'] as const satisfies readonly QaScorer[];

export const qaScorerSchema = z.object({
	scorer: choice(QA_SCORERS),
	/** the partner organisation's code (the page never holds database ids) */
	partner: optionalText(64).transform((v) => v ?? null)
});

export type QaScorerInput = z.output<typeof qaScorerSchema>;

/** The choice as it stands and the organisations a partner is chosen from (by name). */
export async function qaScorerSetting(jurisdictionId: string) {
	const [j, organisations] = await Promise.all([
		db.jurisdiction.findUniqueOrThrow({
			where: { id: jurisdictionId },
			select: { qaScorer: true, qaScorerOrganisationId: true }
		}),
		db.organisation.findMany({
			where: { jurisdictionId },
			select: { id: true, code: true, name: true, type: true },
			orderBy: { name: 'asc' }
		})
	]);
	const partner = organisations.find((o) => o.id === j.qaScorerOrganisationId) ?? null;
	return {
		scorer: j.qaScorer,
		partner: partner ? { code: partner.code, name: partner.name } : null,
		organisations: organisations.map(({ code, name, type }) => ({ code, name, type }))
	};
}

/** Saves the choice: a partner must be chosen for PARTNER and be an organisation of this jurisdiction; the other
 *  choices keep no partner. */
export async function setQaScorer(user: SessionUser, jurisdictionId: string, input: QaScorerInput) {
	if (!administers(user, jurisdictionId)) throw new Forbidden(m.error_forbidden());
	return db.$transaction(async (tx) => {
		let partnerId: string | null = null;
		if (input.scorer === 'PARTNER') {
			if (!input.partner) throw new FieldError('partner', m.qas_partner_required());
			const org = await tx.organisation.findUnique({
				where: { jurisdictionId_code: { jurisdictionId, code: input.partner } },
				select: { id: true }
			});
			if (!org) throw new FieldError('partner', m.qas_partner_unknown());
			partnerId = org.id;
		}
		const before = await tx.jurisdiction.findUniqueOrThrow({
			where: { id: jurisdictionId },
			select: { qaScorer: true, qaScorerOrganisationId: true }
		});
		if (before.qaScorer === input.scorer && before.qaScorerOrganisationId === partnerId) return { changed: false };
		await tx.jurisdiction.update({
			where: { id: jurisdictionId },
			data: { qaScorer: input.scorer, qaScorerOrganisationId: partnerId }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'jurisdiction.qa_scorer',
			subjectType: 'jurisdiction',
			subjectId: jurisdictionId,
			jurisdictionId,
			data: {
				scorer: [before.qaScorer, input.scorer],
				partnerOrganisationId: [before.qaScorerOrganisationId, partnerId]
			}
		});
		// a partner organisation newly chosen: its members learn it is their work now, with the page to do it on
		if (partnerId && partnerId !== before.qaScorerOrganisationId) await noticePartner(tx, jurisdictionId, partnerId);
		return { changed: true };
	});
}

async function noticePartner(tx: Tx, jurisdictionId: string, organisationId: string) {
	const [j, org, members] = await Promise.all([
		tx.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { code: true, name: true } }),
		tx.organisation.findUniqueOrThrow({ where: { id: organisationId }, select: { name: true } }),
		tx.user.findMany({
			where: { disabledAt: null, memberships: { some: { organisationId } } },
			select: { id: true, email: true, locale: true }
		})
	]);
	for (const u of members) {
		const locale = asLocale(u.locale);
		await notify(
			tx,
			u,
			{
				kind: 'qa-scorer',
				title: m.qas_notice_title({ jurisdiction: j.name }, { locale }),
				body: m.qas_notice_body({ jurisdiction: j.name, organisation: org.name }, { locale }),
				link: `/reports/indicators/qa?jurisdiction=${encodeURIComponent(j.code)}`
			},
			publicOrigin()
		);
	}
}
