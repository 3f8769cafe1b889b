// Exemptions and waivers: the regulator grants one to a licence for a period, with a reason and optional evidence,
// when the renewal rule of every cycle it covers allows it; and may revoke it with a reason. Never deleted. What an
// exemption does to a cycle's requirement is the pure rule in exemptions.ts.
import { z } from 'zod';
import { db, type Tx } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { notify } from '../people/notifications';
import { storeEvidence } from '../cpd/evidence';
import { calendarDay, choice, text } from '../forms/fields';
import { licenceVersion, regulatorJurisdictions } from './licences';
import { EXEMPTION_KINDS, type ExemptionKind } from './exemptions';
import { fromDate, toDate, type CalendarDay } from '$lib/calendar-day';
import { formatDay } from '$lib/dates';
import { asLocale } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

export const grantExemptionSchema = z.object({
	licenceId: z.string().uuid({ error: () => m.not_found() }),
	version: licenceVersion(),
	kind: choice(EXEMPTION_KINDS),
	fromOn: calendarDay(),
	toOn: calendarDay(),
	reason: text(500)
});

export const revokeExemptionSchema = z.object({
	exemptionId: z.string().uuid({ error: () => m.not_found() }),
	version: licenceVersion(),
	reason: text(500)
});

/** A licence of the regulator's jurisdictions (404 otherwise), with its cycles and their rule's option. */
async function regulatorsLicence(user: SessionUser, licenceId: string) {
	const licence = await db.licence.findUnique({
		where: { id: licenceId },
		select: {
			id: true,
			number: true,
			jurisdictionId: true,
			version: true,
			worker: { select: { user: { select: { id: true, email: true, locale: true } } } },
			cycles: {
				orderBy: { startsOn: 'asc' },
				select: { startsOn: true, endsOn: true, outcome: true, rule: { select: { exemptionsAllowed: true } } }
			}
		}
	});
	if (!licence || !regulatorJurisdictions(user).includes(licence.jurisdictionId))
		throw new DomainError(m.not_found(), 404);
	return licence;
}

/** The licence's version is still the one the form was rendered with (else someone changed it first: 409). */
async function bumpLicence(tx: Tx, licenceId: string, version: number) {
	const { count } = await tx.licence.updateMany({
		where: { id: licenceId, version },
		data: { version: { increment: 1 } }
	});
	if (!count) throw new DomainError(m.conflict_licence(), 409);
}

/**
 * Why a period cannot be granted on these cycles, beside the field it concerns; null when it can: from on or before
 * to, both days inside a cycle of the licence, no decided cycle among those it covers (a decision is never altered),
 * and every rule of the cycles it covers allows exemptions.
 */
export function periodRefusal(
	cycles: readonly { startsOn: CalendarDay; endsOn: CalendarDay; outcome: string; exemptionsAllowed: boolean }[],
	fromOn: CalendarDay,
	toOn: CalendarDay
): { field: 'fromOn' | 'toOn' | 'kind'; message: string } | null {
	if (toOn < fromOn) return { field: 'toOn', message: m.exemption_to_before_from() };
	const inCycle = (day: CalendarDay) => cycles.some((c) => c.startsOn <= day && day <= c.endsOn);
	if (!inCycle(fromOn)) return { field: 'fromOn', message: m.exemption_outside_cycles() };
	if (!inCycle(toOn)) return { field: 'toOn', message: m.exemption_outside_cycles() };
	const covered = cycles.filter((c) => c.startsOn <= toOn && c.endsOn >= fromOn);
	const decided = covered.find((c) => c.outcome === 'RENEWED' || c.outcome === 'LAPSED');
	if (decided)
		return {
			field: 'fromOn',
			message: m.exemption_decided_cycle({ from: formatDay(decided.startsOn), to: formatDay(decided.endsOn) })
		};
	if (covered.some((c) => !c.exemptionsAllowed)) return { field: 'kind', message: m.exemption_not_allowed() };
	return null;
}

const kindLabel = (kind: ExemptionKind, locale: ReturnType<typeof asLocale>) =>
	(kind === 'WAIVER' ? m.exemption_kind_waiver : m.exemption_kind_reduction)({}, { locale });

/** Grants an exemption (audited, the holder notified). Bad input changes nothing and says why beside its field. */
export async function grantExemption(
	user: SessionUser,
	input: z.output<typeof grantExemptionSchema>,
	file: File | null,
	origin: string
) {
	const licence = await regulatorsLicence(user, input.licenceId);
	const refusal = periodRefusal(
		licence.cycles.map((c) => ({
			startsOn: fromDate(c.startsOn),
			endsOn: fromDate(c.endsOn),
			outcome: c.outcome,
			exemptionsAllowed: c.rule.exemptionsAllowed
		})),
		input.fromOn,
		input.toOn
	);
	if (refusal) throw new FieldError(refusal.field, refusal.message);
	if (licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	const holder = licence.worker?.user ?? null;
	return db.$transaction(async (tx) => {
		await bumpLicence(tx, licence.id, input.version);
		// the holder owns the evidence (they may read it from their CPD page); the regulators of the jurisdiction too
		const evidenceFileId =
			file && file.size
				? await storeEvidence(tx, { id: holder?.id ?? user.id, jurisdictionId: licence.jurisdictionId }, file)
				: null;
		const row = await tx.licenceExemption.create({
			data: {
				licenceId: licence.id,
				kind: input.kind,
				fromOn: toDate(input.fromOn),
				toOn: toDate(input.toOn),
				reason: input.reason,
				evidenceFileId,
				grantedById: user.id
			},
			select: { id: true }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'licence.exemption_granted',
			subjectType: 'licence',
			subjectId: licence.id,
			jurisdictionId: licence.jurisdictionId,
			reason: input.reason,
			data: { exemptionId: row.id, kind: input.kind, from: input.fromOn, to: input.toOn }
		});
		if (holder) {
			const locale = asLocale(holder.locale);
			await notify(
				tx,
				holder,
				{
					kind: 'licence-exemption',
					title: m.notice_exemption_title({ number: licence.number }, { locale }),
					body: m.notice_exemption_granted(
						{
							kind: kindLabel(input.kind, locale),
							from: formatDay(input.fromOn, locale),
							to: formatDay(input.toOn, locale),
							reason: input.reason
						},
						{ locale }
					),
					link: '/cpd'
				},
				origin
			);
		}
		return row;
	});
}

/** Revokes an exemption with a reason (kept, with who and when); audited, the holder notified. */
export async function revokeExemption(
	user: SessionUser,
	input: z.output<typeof revokeExemptionSchema>,
	origin: string,
	now = new Date()
) {
	const exemption = await db.licenceExemption.findUnique({
		where: { id: input.exemptionId },
		select: { id: true, licenceId: true, kind: true, fromOn: true, toOn: true, revokedAt: true }
	});
	if (!exemption) throw new DomainError(m.not_found(), 404);
	const licence = await regulatorsLicence(user, exemption.licenceId);
	if (exemption.revokedAt) throw new DomainError(m.exemption_already_revoked(), 400);
	if (licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	const holder = licence.worker?.user ?? null;
	await db.$transaction(async (tx) => {
		await bumpLicence(tx, licence.id, input.version);
		const { count } = await tx.licenceExemption.updateMany({
			where: { id: exemption.id, revokedAt: null },
			data: { revokedAt: now, revokedById: user.id, revokeReason: input.reason }
		});
		if (!count) throw new DomainError(m.exemption_already_revoked(), 400);
		await audit(tx, {
			actorId: user.id,
			action: 'licence.exemption_revoked',
			subjectType: 'licence',
			subjectId: licence.id,
			jurisdictionId: licence.jurisdictionId,
			reason: input.reason,
			data: { exemptionId: exemption.id }
		});
		if (holder) {
			const locale = asLocale(holder.locale);
			await notify(
				tx,
				holder,
				{
					kind: 'licence-exemption',
					title: m.notice_exemption_title({ number: licence.number }, { locale }),
					body: m.notice_exemption_revoked(
						{
							kind: kindLabel(exemption.kind, locale),
							from: formatDay(fromDate(exemption.fromOn), locale),
							to: formatDay(fromDate(exemption.toOn), locale),
							reason: input.reason
						},
						{ locale }
					),
					link: '/cpd'
				},
				origin
			);
		}
	});
}

/** Every exemption of these licences (revoked ones too), earliest first, with the names of who granted and revoked. */
export async function exemptionsOf(licenceIds: string[]) {
	if (!licenceIds.length) return [];
	const rows = await db.licenceExemption.findMany({
		where: { licenceId: { in: licenceIds } },
		orderBy: [{ fromOn: 'asc' }, { grantedAt: 'asc' }],
		select: {
			id: true,
			licenceId: true,
			kind: true,
			fromOn: true,
			toOn: true,
			reason: true,
			evidenceFileId: true,
			grantedById: true,
			grantedAt: true,
			revokedAt: true,
			revokedById: true,
			revokeReason: true
		}
	});
	const people = new Set(rows.flatMap((r) => [r.grantedById, ...(r.revokedById ? [r.revokedById] : [])]));
	const names = new Map(
		(await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, name: true } })).map((u) => [
			u.id,
			u.name
		])
	);
	return rows.map((r) => ({
		id: r.id,
		licenceId: r.licenceId,
		kind: r.kind,
		fromOn: fromDate(r.fromOn),
		toOn: fromDate(r.toOn),
		reason: r.reason,
		evidenceFileId: r.evidenceFileId,
		grantedBy: names.get(r.grantedById) ?? null,
		grantedAt: r.grantedAt,
		revokedAt: r.revokedAt,
		revokedBy: r.revokedById ? (names.get(r.revokedById) ?? null) : null,
		revokeReason: r.revokeReason
	}));
}

/** The licence's exemptions as the regulator's licence page shows them, and whether its open cycle's rule allows one. */
export async function licenceExemptions(licenceId: string) {
	const [rows, open] = await Promise.all([
		exemptionsOf([licenceId]),
		db.licenceCycle.findFirst({
			where: { licenceId, outcome: { in: ['OPEN', 'GRACE'] } },
			orderBy: { startsOn: 'desc' },
			select: { rule: { select: { exemptionsAllowed: true } } }
		})
	]);
	return { exemptions: rows, exemptionsAllowed: open?.rule.exemptionsAllowed ?? false };
}
