// Random compliance audits. The draw is reproducible: the seed and the ordered population are stored, and the same
// seed over the same population always selects the same licences.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db, type Tx } from '../db';
import type { AuditItemStatus } from '../generated/prisma/enums';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { notify, noticeSubject } from '../people/notifications';
import { calendarDay, text } from '../forms/fields';
import { storeEvidence } from '../cpd/evidence';
import { regulatorJurisdictions } from './licences';
import { complianceOf } from './compliance-data';
import { ledgerIds } from './supervision-entries';
import { auditFailurePlan, type FailurePlan } from './audit-failure';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { fromDate, toDate } from '$lib/calendar-day';

export const sampleSchema = z
	.object({
		percent: z.coerce
			.number({ error: () => m.field_number() })
			.gt(0, { error: () => m.audit_percent() })
			.max(100, { error: () => m.audit_percent() }),
		from: calendarDay(),
		to: calendarDay(),
		request: text(1000)
	})
	.refine((v) => v.from <= v.to, { path: ['to'], error: () => m.audit_window() });

/** Deterministic choice of k items from the population, driven by the seed (SHA-256 counter stream). */
export function select(seed: string, population: string[], k: number): string[] {
	const pool = [...population];
	const out: string[] = [];
	for (let i = 0; i < k && pool.length; i++) {
		const h = createHash('sha256').update(`${seed}:${i}`).digest();
		out.push(pool.splice(h.readUInt32BE(0) % pool.length, 1)[0]);
	}
	return out;
}

export async function drawSample(user: SessionUser, input: z.output<typeof sampleSchema>, origin: string) {
	const jurisdictionId = regulatorJurisdictions(user)[0];
	if (!jurisdictionId) throw new DomainError(m.error_forbidden(), 403);
	const cycles = await db.licenceCycle.findMany({
		where: {
			jurisdictionId,
			endsOn: { gte: toDate(input.from), lte: toDate(input.to) },
			licence: { status: 'ACTIVE' }
		},
		orderBy: [{ licence: { number: 'asc' } }, { startsOn: 'asc' }],
		select: { id: true, licenceId: true }
	});
	const byLicence = new Map(cycles.map((c) => [c.licenceId, c.id]));
	const population = [...byLicence.keys()];
	if (!population.length) throw new DomainError(m.audit_empty(), 400, { to: m.audit_empty() });
	const seed = randomBytes(16).toString('hex');
	const chosen = select(seed, population, Math.max(1, Math.round((population.length * input.percent) / 100)));
	return db.$transaction(async (tx) => {
		const sample = await tx.auditSample.create({
			data: {
				jurisdictionId,
				percent: input.percent,
				windowStart: toDate(input.from),
				windowEnd: toDate(input.to),
				seed,
				population,
				request: input.request,
				createdById: user.id
			}
		});
		await tx.auditSampleItem.createMany({
			data: chosen.map((licenceId) => ({ sampleId: sample.id, licenceId, cycleId: byLicence.get(licenceId)! }))
		});
		await audit(tx, {
			actorId: user.id,
			action: 'audit.sample_drawn',
			subjectType: 'audit_sample',
			subjectId: sample.id,
			jurisdictionId,
			data: { seed, population: population.length, chosen: chosen.length }
		});
		const holders = await tx.licence.findMany({
			where: { id: { in: chosen } },
			select: { number: true, worker: { select: { user: true } } }
		});
		for (const h of holders) {
			const u = h.worker?.user;
			if (!u) continue;
			const locale = asLocale(u.locale);
			await notify(
				tx,
				u,
				{
					kind: 'audit-request',
					title: m.notice_audit_title({}, { locale }),
					body: m.notice_audit_body({ number: h.number, request: input.request }, { locale }),
					link: '/cpd'
				},
				origin
			);
		}
		return sample;
	});
}

export async function samples(user: SessionUser) {
	return db.auditSample.findMany({
		where: { jurisdictionId: { in: regulatorJurisdictions(user) } },
		orderBy: { createdAt: 'desc' },
		select: {
			id: true,
			percent: true,
			windowStart: true,
			windowEnd: true,
			createdAt: true,
			population: true,
			_count: { select: { items: true } }
		}
	});
}

export async function sampleDetail(user: SessionUser, id: string) {
	const sample = /^[0-9a-f-]{36}$/.test(id)
		? await db.auditSample.findFirst({
				where: { id, jurisdictionId: { in: regulatorJurisdictions(user) } },
				include: { items: true }
			})
		: null;
	if (!sample) throw new DomainError(m.not_found(), 404);
	const licences = await db.licence.findMany({
		where: { id: { in: sample.items.map((i) => i.licenceId) } },
		select: { id: true, number: true, holderName: true }
	});
	const byId = new Map(licences.map((l) => [l.id, l]));
	return {
		...sample,
		items: sample.items
			.map((i) => ({ ...i, licence: byId.get(i.licenceId)! }))
			.sort((a, b) => a.licence.number.localeCompare(b.licence.number))
	};
}

export const outcomeSchema = z.object({
	itemId: z.string().uuid({ error: () => m.not_found() }),
	outcome: z.enum(['PASSED', 'FAILED']),
	note: text(1000)
});

/**
 * The regulator's outcome of an audited licence, once. FAILED changes the record (audit-failure.ts decides what): the
 * counted external entries of the audited cycle are disallowed if that cycle is undecided, the licence's undecided
 * cycle goes back to the renewal queue, the holder is told which entries and why. A decided cycle is never touched.
 */
export async function recordOutcome(
	user: SessionUser,
	input: z.output<typeof outcomeSchema>,
	origin: string,
	now = new Date()
) {
	const item = await db.auditSampleItem.findFirst({
		where: { id: input.itemId, sample: { jurisdictionId: { in: regulatorJurisdictions(user) } } },
		include: { sample: true }
	});
	if (!item) throw new DomainError(m.not_found(), 404);
	if (!OPEN_ITEM.includes(item.status)) throw new DomainError(m.audit_item_decided(), 409);
	await db.$transaction(async (tx) => {
		const { count } = await tx.auditSampleItem.updateMany({
			where: { id: item.id, status: { in: OPEN_ITEM } },
			data: { status: input.outcome, outcomeNote: input.note, decidedById: user.id, decidedAt: now }
		});
		if (!count) throw new DomainError(m.audit_item_decided(), 409);
		const failure = input.outcome === 'FAILED' ? await applyFailure(tx, item, input.note, origin, now) : null;
		await audit(tx, {
			actorId: user.id,
			action: `audit.${input.outcome.toLowerCase()}`,
			subjectType: 'licence',
			subjectId: item.licenceId,
			jurisdictionId: item.sample.jurisdictionId,
			reason: input.note,
			data: { itemId: item.id, cycleId: item.cycleId, ...(failure ?? {}) }
		});
	});
}

const OPEN_ITEM: AuditItemStatus[] = ['REQUESTED', 'SUBMITTED'];

/** Disallows, reopens and notifies as auditFailurePlan says, inside the outcome's transaction. */
async function applyFailure(
	tx: Tx,
	item: { id: string; licenceId: string; cycleId: string },
	reason: string,
	origin: string,
	now: Date
) {
	const cycles = await tx.licenceCycle.findMany({
		where: { licenceId: item.licenceId },
		select: { id: true, startsOn: true, outcome: true }
	});
	const asPlan = (c: (typeof cycles)[number]) => ({ ...c, startsOn: fromDate(c.startsOn) });
	const audited = cycles.find((c) => c.id === item.cycleId);
	if (!audited) return { disallowed: [], reopened: null };
	const state = await complianceOf([item.licenceId], audited.id, now, tx);
	const counted = state.get(item.licenceId)?.verdict.entries ?? [];
	const entries = await tx.cpdEntry.findMany({
		where: { id: { in: ledgerIds(counted.map((e) => e.id)) } },
		select: { id: true, source: true, disallowedAt: true }
	});
	const plan = auditFailurePlan({
		audited: asPlan(audited),
		cycles: cycles.map(asPlan),
		counted,
		entries: entries.map((e) => ({ id: e.id, source: e.source, disallowed: !!e.disallowedAt }))
	});
	await tx.cpdEntry.updateMany({
		where: { id: { in: plan.disallow }, disallowedAt: null },
		data: { disallowedAt: now, disallowedReason: reason, disallowedByAuditItemId: item.id }
	});
	if (plan.reopen) {
		await tx.licenceCycle.updateMany({
			where: { id: plan.reopen, outcome: { in: ['OPEN', 'GRACE'] } },
			data: { reopenedAt: now }
		});
		// the licence's verdict changed: a decision form rendered before this must reload
		await tx.licence.update({ where: { id: item.licenceId }, data: { version: { increment: 1 } } });
	}
	await notifyFailure(tx, item, plan, reason, origin);
	return { disallowed: plan.disallow, reopened: plan.reopen };
}

async function notifyFailure(
	tx: Tx,
	item: { licenceId: string; cycleId: string },
	plan: FailurePlan,
	reason: string,
	origin: string
) {
	const licence = await tx.licence.findUniqueOrThrow({
		where: { id: item.licenceId },
		select: { number: true, worker: { select: { user: { select: { id: true, email: true, locale: true } } } } }
	});
	const holder = licence.worker?.user;
	if (!holder) return;
	const titles = await tx.cpdEntry.findMany({
		where: { id: { in: plan.disallow } },
		orderBy: { activityDate: 'asc' },
		select: { title: true }
	});
	const locale = asLocale(holder.locale);
	await notify(
		tx,
		holder,
		{
			kind: 'audit-failed',
			subject: noticeSubject.auditFailed(plan.reopen ?? item.cycleId),
			title: m.notice_audit_failed_title({}, { locale }),
			body: titles.length
				? m.notice_audit_failed_body(
						{ number: licence.number, reason, entries: titles.map((t) => t.title).join('; ') },
						{ locale }
					)
				: m.notice_audit_failed_body_none({ number: licence.number, reason }, { locale }),
			link: '/cpd'
		},
		origin
	);
}

/** The worker's open audit requests. */
export async function myAuditRequests(userId: string) {
	return db.auditSampleItem.findMany({
		where: {
			status: { in: ['REQUESTED', 'SUBMITTED'] },
			licenceId: {
				in: (await db.licence.findMany({ where: { worker: { userId } }, select: { id: true } })).map((l) => l.id)
			}
		},
		select: {
			id: true,
			status: true,
			response: true,
			sample: { select: { request: true, createdAt: true, jurisdictionId: true } }
		}
	});
}

export const responseSchema = z.object({
	itemId: z.string().uuid({ error: () => m.not_found() }),
	response: text(2000)
});

export async function respondToAudit(user: SessionUser, input: z.output<typeof responseSchema>, file: File | null) {
	const mine = await myAuditRequests(user.id);
	const item = mine.find((i) => i.id === input.itemId);
	if (!item) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		const evidenceFileId =
			file && file.size
				? await storeEvidence(tx, { id: user.id, jurisdictionId: item.sample.jurisdictionId }, file)
				: null;
		await tx.auditSampleItem.update({
			where: { id: item.id },
			data: { status: 'SUBMITTED', response: input.response, ...(evidenceFileId ? { evidenceFileId } : {}) }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'audit.responded',
			subjectType: 'audit_sample_item',
			subjectId: item.id
		});
	});
}
