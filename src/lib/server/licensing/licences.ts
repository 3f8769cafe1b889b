// The licence register: a worker's licences and claims; a regulator's search, claim confirmation and renewal
// decisions (each an audit event with a reason).
import { z } from 'zod';
import { db, type Tx } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { clearNotices, membersWith, notify, noticeSubject } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { snapshotOf } from './snapshots';
import { text, choice, optionalDay } from '../forms/fields';
import { complianceOf, cycleCompliance } from './compliance-data';
import { decisionRefusal } from './decisions';
import { effectiveStatusDay, statusPlan } from './status-change';
import { lapseDay } from './status-periods';
import { formatDay } from '$lib/dates';
import { addDays, addMonths, dayIn, daysInclusive, fromDate, toDate } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';

/** The jurisdictions in which this person is a regulator. */
export function regulatorJurisdictions(user: SessionUser): string[] {
	return user.memberships
		.filter((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId)
		.map((mem) => mem.jurisdictionId!);
}

export async function jurisdictionToday(jurisdictionId: string, now = new Date()) {
	const j = await db.jurisdiction.findUniqueOrThrow({ where: { id: jurisdictionId }, select: { timeZone: true } });
	return dayIn(now, j.timeZone);
}

export async function workerLicences(userId: string) {
	const licences = await db.licence.findMany({
		where: { worker: { userId } },
		orderBy: { number: 'asc' },
		select: {
			id: true,
			number: true,
			status: true,
			statusReason: true,
			jurisdictionId: true,
			cycles: {
				orderBy: { startsOn: 'desc' },
				select: { id: true, startsOn: true, endsOn: true, outcome: true, graceUntil: true, decisionReason: true }
			}
		}
	});
	// one batched compliance load and one time-zone lookup per jurisdiction, whatever the number of licences
	const states = await complianceOf(licences.map((l) => l.id));
	const todays = new Map(
		await Promise.all(
			[...new Set(licences.map((l) => l.jurisdictionId))].map(async (j) => [j, await jurisdictionToday(j)] as const)
		)
	);
	return licences.map((l) => {
		const current = states.get(l.id) ?? null;
		const today = todays.get(l.jurisdictionId)!;
		const end = current
			? fromDate(
					current.cycle.outcome === 'GRACE' && current.cycle.graceUntil
						? current.cycle.graceUntil
						: current.cycle.endsOn
				)
			: today;
		return { ...l, current, daysLeft: Math.max(0, daysInclusive(today, end) - 1) };
	});
}

export const claimSchema = z.object({ number: text(64) });

export async function claimLicence(user: SessionUser, number: string) {
	const worker = await db.workerProfile.findUnique({
		where: { userId: user.id },
		select: { id: true, jurisdictionId: true }
	});
	if (!worker) throw new DomainError(m.claim_no_record(), 400, { number: m.claim_no_record() });
	const licence = await db.licence.findUnique({
		where: { jurisdictionId_number: { jurisdictionId: worker.jurisdictionId, number } }
	});
	if (!licence || (licence.workerProfileId && licence.workerProfileId !== worker.id))
		throw new DomainError(m.claim_unknown(), 400, { number: m.claim_unknown() });
	if (licence.workerProfileId === worker.id)
		throw new DomainError(m.claim_already_yours(), 400, { number: m.claim_already_yours() });
	await db.$transaction(async (tx) => {
		const claim = await tx.licenceClaim.upsert({
			where: { licenceId_userId: { licenceId: licence.id, userId: user.id } },
			create: { licenceId: licence.id, userId: user.id },
			update: { status: 'PENDING' }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'licence.claimed',
			subjectType: 'licence',
			subjectId: licence.id,
			jurisdictionId: licence.jurisdictionId
		});
		// the regulators of the licence's jurisdiction decide it
		for (const person of await membersWith(tx, 'REGULATOR', { jurisdictionId: licence.jurisdictionId })) {
			const locale = asLocale(person.locale);
			await notify(
				tx,
				person,
				{
					kind: 'licence-claim-to-review',
					subject: noticeSubject.licenceClaim(claim.id),
					title: m.wait_claim_title({}, { locale }),
					body: m.wait_claim_body({ person: user.name, number: licence.number }, { locale }),
					link: '/regulator#claims'
				},
				publicOrigin()
			);
		}
	});
}

export async function pendingClaims(user: SessionUser) {
	return db.licenceClaim.findMany({
		where: { status: 'PENDING', licence: { jurisdictionId: { in: regulatorJurisdictions(user) } } },
		select: { id: true, createdAt: true, licence: { select: { number: true, holderName: true } }, userId: true }
	});
}

export const claimDecisionSchema = z.object({
	claimId: z.string().uuid({ error: () => m.not_found() }),
	decision: choice(['confirm', 'reject'] as const)
});

export async function decideClaim(user: SessionUser, claimId: string, decision: 'confirm' | 'reject', origin: string) {
	const claim = await db.licenceClaim.findUnique({ where: { id: claimId }, include: { licence: true } });
	if (!claim || !regulatorJurisdictions(user).includes(claim.licence.jurisdictionId))
		throw new DomainError(m.not_found(), 404);
	const person = await db.user.findUniqueOrThrow({ where: { id: claim.userId }, include: { worker: true } });
	if (!person.worker) throw new DomainError(m.claim_no_record(), 400);
	await db.$transaction(async (tx) => {
		const { count } = await tx.licenceClaim.updateMany({
			where: { id: claimId, status: 'PENDING' },
			data: { status: decision === 'confirm' ? 'CONFIRMED' : 'REJECTED', decidedById: user.id, decidedAt: new Date() }
		});
		if (!count) throw new DomainError(m.cpd_already_decided(), 409);
		await clearNotices(tx, noticeSubject.licenceClaim(claimId));
		if (decision === 'confirm') {
			// the holder link is a change too: forms rendered before it must reload (their version no longer matches)
			await tx.licence.update({
				where: { id: claim.licenceId },
				data: { workerProfileId: person.worker!.id, version: { increment: 1 } }
			});
			await tx.workerIdentifier.upsert({
				where: {
					jurisdictionId_kind_value: {
						jurisdictionId: claim.licence.jurisdictionId,
						kind: 'LICENCE_NUMBER',
						value: claim.licence.number
					}
				},
				create: {
					workerProfileId: person.worker!.id,
					jurisdictionId: claim.licence.jurisdictionId,
					kind: 'LICENCE_NUMBER',
					value: claim.licence.number
				},
				update: { workerProfileId: person.worker!.id }
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: `licence.claim_${decision === 'confirm' ? 'confirmed' : 'rejected'}`,
			subjectType: 'licence',
			subjectId: claim.licenceId,
			jurisdictionId: claim.licence.jurisdictionId,
			data: { userId: claim.userId }
		});
		const locale = asLocale(person.locale);
		await notify(
			tx,
			person,
			{
				kind: 'licence-claim',
				title: m.notice_claim_title({}, { locale }),
				body:
					decision === 'confirm'
						? m.notice_claim_confirmed({ number: claim.licence.number }, { locale })
						: m.notice_claim_rejected({ number: claim.licence.number }, { locale }),
				link: '/cpd'
			},
			origin
		);
	});
}

export async function searchLicences(user: SessionUser, q: string) {
	// a NUL cannot be compared by PostgreSQL and is in no number or name: it is dropped (found by fuzzing)
	const query = q.replaceAll('\u0000', '').trim().slice(0, 100);
	if (!query) return [];
	return db.licence.findMany({
		where: {
			jurisdictionId: { in: regulatorJurisdictions(user) },
			OR: [
				{ number: { startsWith: query, mode: 'insensitive' } },
				{ holderName: { contains: query, mode: 'insensitive' } }
			]
		},
		orderBy: { number: 'asc' },
		take: 50,
		select: { id: true, number: true, holderName: true, status: true, cadre: true }
	});
}

/** The regulator's licence, or 404 — another jurisdiction's licence does not exist for them. */
export async function regulatorLicence(user: SessionUser, number: string) {
	const licence = number.includes('\u0000')
		? null
		: await db.licence.findFirst({
				where: { number, jurisdictionId: { in: regulatorJurisdictions(user) } },
				select: { id: true }
			});
	if (!licence) throw new DomainError(m.not_found(), 404);
	return licence.id;
}

/**
 * The licence version a regulator's form was rendered with (a hidden field). Every change a regulator makes to a
 * licence, its status or its cycles, bumps the version in the same transaction as its audit event; a change based
 * on an older version is refused with a 409, so two regulators deciding at once never silently overwrite each other.
 */
export const licenceVersion = () =>
	z.coerce
		.number({ error: () => m.conflict_licence() })
		.int({ error: () => m.conflict_licence() })
		.min(1, { error: () => m.conflict_licence() })
		.max(2_147_483_647, { error: () => m.conflict_licence() });

/**
 * Bumps the licence's version (with `data`) if it is still `version`; otherwise someone else changed it first: 409.
 * A status change passes its effective day as `statusFrom` (a Date): the trigger keeps the status history from it.
 */
async function bumpVersion(
	tx: Tx,
	licenceId: string,
	version: number,
	data: Omit<Prisma.LicenceUpdateManyMutationInput, 'statusFrom'> & { statusFrom?: Date } = {}
) {
	const { count } = await tx.licence.updateMany({
		where: { id: licenceId, version },
		data: { ...data, version: { increment: 1 } }
	});
	if (!count) throw new DomainError(m.conflict_licence(), 409);
}

export const renewalSchema = z.object({
	cycleId: z.string().uuid({ error: () => m.not_found() }),
	version: licenceVersion(),
	decision: choice(['renew', 'grace', 'lapse'] as const),
	reason: text(500)
});

/**
 * The same rule the page offers the decisions by (decisions.ts), on today's compliance of the cycle: a decision posted
 * anyway is refused with its reason beside the field. Used by the decision and by its check-your-answers step.
 */
export async function refuseDecisionNotAllowed(
	cycle: {
		id: string;
		licenceId: string;
		jurisdictionId: string;
		outcome: Parameters<typeof decisionRefusal>[1]['outcome'];
		endsOn: Date;
		graceUntil: Date | null;
	},
	decision: Parameters<typeof decisionRefusal>[0],
	now: Date
) {
	const today = await jurisdictionToday(cycle.jurisdictionId, now);
	const state = await cycleCompliance(cycle.licenceId, cycle.id);
	const refused = decisionRefusal(
		decision,
		{
			outcome: cycle.outcome,
			endsOn: fromDate(cycle.endsOn),
			graceUntil: cycle.graceUntil ? fromDate(cycle.graceUntil) : null
		},
		state?.verdict.status ?? null,
		today
	);
	if (refused) throw new DomainError(refused, 400, { decision: refused });
	return state;
}

/** Compliant → renew (the next cycle opens under the current rule); not compliant → grace; after grace → lapse. */
export async function decideRenewal(
	user: SessionUser,
	input: z.output<typeof renewalSchema>,
	origin: string,
	now = new Date()
) {
	const cycle = await db.licenceCycle.findUnique({
		where: { id: input.cycleId },
		include: { licence: { include: { worker: { include: { user: true } } } } }
	});
	if (!cycle || !regulatorJurisdictions(user).includes(cycle.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	// a page rendered before someone else's change is told so first (whatever that change made of this decision)
	if (cycle.licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	if (cycle.outcome !== 'OPEN' && cycle.outcome !== 'GRACE') throw new DomainError(m.renewal_decided(), 409);
	const state = await refuseDecisionNotAllowed(cycle, input.decision, now);
	const rule = await db.renewalRule.findUniqueOrThrow({ where: { id: cycle.ruleId } });
	// a lapse takes effect the day after the cycle (or its grace) ended, never before the current status began
	const lapsedFrom = lapseDay(
		{ endsOn: fromDate(cycle.endsOn), graceUntil: cycle.graceUntil ? fromDate(cycle.graceUntil) : null },
		await jurisdictionToday(cycle.jurisdictionId, now),
		cycle.licence.statusFrom ? fromDate(cycle.licence.statusFrom) : null
	);
	await db.$transaction(async (tx) => {
		const outcome = input.decision === 'renew' ? 'RENEWED' : input.decision === 'grace' ? 'GRACE' : 'LAPSED';
		// what the decision rested on, kept with it: the decided cycle is shown from this, never recomputed
		if (state)
			await tx.cycleDecision.create({
				data: {
					cycleId: cycle.id,
					outcome,
					decidedById: user.id,
					decidedAt: now,
					reason: input.reason,
					snapshot: JSON.parse(JSON.stringify(await snapshotOf(tx, state, now)))
				}
			});
		await bumpVersion(
			tx,
			cycle.licenceId,
			input.version,
			input.decision === 'lapse' ? { status: 'LAPSED', statusReason: input.reason, statusFrom: toDate(lapsedFrom) } : {}
		);
		const graceUntil =
			input.decision === 'grace' ? toDate(addDays(fromDate(cycle.endsOn), rule.graceDays)) : cycle.graceUntil;
		const { count } = await tx.licenceCycle.updateMany({
			where: { id: cycle.id, outcome: cycle.outcome },
			data: { outcome, graceUntil, decidedById: user.id, decidedAt: now, decisionReason: input.reason }
		});
		if (!count) throw new DomainError(m.renewal_decided(), 409);
		// the cycle is settled: the holder's "renewal due" notice is done (grace leaves it open: the cycle still runs)
		if (outcome !== 'GRACE') await clearNotices(tx, noticeSubject.renewal(cycle.id));
		if (outcome !== 'GRACE') await clearNotices(tx, noticeSubject.auditFailed(cycle.id));
		if (input.decision === 'renew') {
			const latest = await tx.renewalRule.findFirst({
				where: { jurisdictionId: cycle.jurisdictionId, cadreKey: rule.cadreKey },
				orderBy: { version: 'desc' }
			});
			const start = addDays(fromDate(cycle.endsOn), 1);
			await tx.licenceCycle.create({
				data: {
					licenceId: cycle.licenceId,
					jurisdictionId: cycle.jurisdictionId,
					ruleId: (latest ?? rule).id,
					startsOn: toDate(start),
					endsOn: toDate(addDays(addMonths(start, (latest ?? rule).cycleMonths), -1))
				}
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: `licence.${outcome.toLowerCase()}`,
			subjectType: 'licence',
			subjectId: cycle.licenceId,
			jurisdictionId: cycle.jurisdictionId,
			reason: input.reason,
			data: { cycleId: cycle.id, ...(input.decision === 'lapse' ? { from: lapsedFrom } : {}) }
		});
		const holder = cycle.licence.worker?.user;
		if (holder) {
			const locale = asLocale(holder.locale);
			await notify(
				tx,
				holder,
				{
					kind: 'licence-decision',
					title: m.notice_renewal_title({ number: cycle.licence.number }, { locale }),
					body: m.notice_renewal_body(
						{
							outcome: { RENEWED: m.cycle_renewed, GRACE: m.cycle_grace, LAPSED: m.cycle_lapsed }[outcome](
								{},
								{ locale }
							),
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

/**
 * Cycles that have ended (or whose grace has) and wait for a decision, and cycles a failed audit put back in the queue
 * before their end (`reopenedAt`), with their compliance.
 */
export async function renewalQueue(user: SessionUser, now = new Date()) {
	const jurisdictions = regulatorJurisdictions(user);
	const cycles = await db.licenceCycle.findMany({
		where: {
			jurisdictionId: { in: jurisdictions },
			outcome: { in: ['OPEN', 'GRACE'] },
			OR: [{ endsOn: { lt: now } }, { reopenedAt: { not: null } }]
		},
		orderBy: { endsOn: 'asc' },
		take: 100,
		select: {
			id: true,
			licenceId: true,
			endsOn: true,
			outcome: true,
			graceUntil: true,
			reopenedAt: true,
			licence: { select: { number: true, holderName: true } }
		}
	});
	const states = await complianceOf(
		cycles.map((c) => c.licenceId),
		new Map(cycles.map((c) => [c.licenceId, c.id]))
	);
	return cycles.map((c) => ({ ...c, verdict: states.get(c.licenceId)?.verdict ?? null }));
}

export const leaveSchema = z.object({
	cycleId: z.string().uuid({ error: () => m.not_found() }),
	version: licenceVersion(),
	leaveDays: z.coerce
		.number({ error: () => m.field_number() })
		.int({ error: () => m.rule_whole() })
		.min(0, { error: () => m.rule_range({ max: 3660 }) })
		.max(3660, { error: () => m.rule_range({ max: 3660 }) }),
	reason: text(500)
});

/** Documented leave in a cycle: reduces the requirement pro rata when the cycle's rule says so. */
export async function recordLeave(user: SessionUser, input: z.output<typeof leaveSchema>) {
	const cycle = await db.licenceCycle.findUnique({ where: { id: input.cycleId } });
	if (!cycle || !regulatorJurisdictions(user).includes(cycle.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		await bumpVersion(tx, cycle.licenceId, input.version);
		await tx.licenceCycle.update({ where: { id: cycle.id }, data: { leaveDays: input.leaveDays } });
		await audit(tx, {
			actorId: user.id,
			action: 'licence.leave_recorded',
			subjectType: 'licence',
			subjectId: cycle.licenceId,
			jurisdictionId: cycle.jurisdictionId,
			reason: input.reason,
			data: { cycleId: cycle.id, days: input.leaveDays }
		});
	});
}

export const statusSchema = z.object({
	licenceId: z.string().uuid({ error: () => m.not_found() }),
	version: licenceVersion(),
	status: choice(['ACTIVE', 'SUSPENDED', 'REVOKED'] as const),
	reason: text(500),
	/** "Takes effect on": today in the jurisdiction when left empty; never in the future nor before the current status */
	statusFrom: optionalDay()
});

/**
 * Suspending, revoking or reinstating a licence: the regulator's decision, with a reason, audited and notified.
 * Reinstating a licence that has no undecided cycle opens one under the current rule (status-change.ts), in the same
 * transaction.
 */
export async function setLicenceStatus(
	user: SessionUser,
	input: z.output<typeof statusSchema>,
	origin: string,
	now = new Date()
) {
	const licence = await db.licence.findUnique({
		where: { id: input.licenceId },
		include: { worker: { include: { user: true } } }
	});
	if (!licence || !regulatorJurisdictions(user).includes(licence.jurisdictionId))
		throw new DomainError(m.not_found(), 404);
	if (licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	const from = await effectiveStatusDay(licence, input.statusFrom, now);
	await db.$transaction(async (tx) => {
		await bumpVersion(tx, licence.id, input.version, {
			status: input.status,
			statusReason: input.reason,
			statusFrom: toDate(from)
		});
		const plan = await statusPlan(tx, licence, input.status, now, from);
		const opened =
			plan.kind === 'open'
				? await tx.licenceCycle.create({
						data: {
							licenceId: licence.id,
							jurisdictionId: licence.jurisdictionId,
							ruleId: plan.rule.id,
							startsOn: toDate(plan.startsOn),
							endsOn: toDate(plan.endsOn)
						}
					})
				: null;
		await audit(tx, {
			actorId: user.id,
			action: `licence.status_${input.status.toLowerCase()}`,
			subjectType: 'licence',
			subjectId: licence.id,
			jurisdictionId: licence.jurisdictionId,
			reason: input.reason,
			data: { from: licence.status, effective: from, ...(opened ? { cycleId: opened.id } : {}) }
		});
		if (opened && plan.kind === 'open')
			await audit(tx, {
				actorId: user.id,
				action: 'licence.cycle_opened',
				subjectType: 'licence',
				subjectId: licence.id,
				jurisdictionId: licence.jurisdictionId,
				reason: input.reason,
				data: { cycleId: opened.id, startsOn: plan.startsOn, endsOn: plan.endsOn, ruleId: plan.rule.id }
			});
		const holder = licence.worker?.user;
		if (holder) {
			const locale = asLocale(holder.locale);
			await notify(
				tx,
				holder,
				{
					kind: 'licence-status',
					title: m.notice_renewal_title({ number: licence.number }, { locale }),
					body: `${m.notice_status_body(
						{
							status: { ACTIVE: m.licence_active, SUSPENDED: m.licence_suspended, REVOKED: m.licence_revoked }[
								input.status
							]({}, { locale }),
							reason: input.reason
						},
						{ locale }
					)}${
						plan.kind === 'open'
							? ` ${m.notice_status_cycle({ from: formatDay(plan.startsOn, locale), to: formatDay(plan.endsOn, locale) }, { locale })}`
							: ''
					}`,
					link: '/cpd'
				},
				origin
			);
		}
	});
}
