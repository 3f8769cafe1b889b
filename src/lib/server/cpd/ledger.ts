// The worker's CPD ledger: external activities (with evidence) under review, and the decisions on them.
import { z } from 'zod';
import { db, type Db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { clearNotices, membersWith, notify, noticeSubject } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { text, optionalText, choice, calendarDay } from '../forms/fields';
import { checkForm } from '../forms/parse';
import { storeEvidence } from './evidence';
import { approvalOf, approvedLine, changed, type Approval } from './partial-approval';
import { learnerContext } from '../learning/learner';
import { dayIn, toDate, type CalendarDay } from '$lib/calendar-day';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { CLAIMABLE_TYPES, type ActivityType } from '$lib/cpd-types';

export function activitySchema(today: CalendarDay) {
	const categories = getContent().framework.categories.map((c) => c.id) as [string, ...string[]];
	return z.object({
		title: text(200),
		providerName: text(200),
		providerOrgId: optionalText(40).pipe(
			z
				.string()
				.uuid({ error: () => m.field_choose() })
				.optional()
		),
		activityDate: calendarDay().refine((d) => d <= today, { error: () => m.field_date_future() }),
		credits: z.coerce
			.number({ error: () => m.field_number() })
			.gt(0, { error: () => m.field_credits() })
			.max(100, { error: () => m.field_credits() })
			.refine((n) => Number.isInteger(n * 100), { error: () => m.field_credits() }),
		category: choice(categories),
		activityType: choice(CLAIMABLE_TYPES as [ActivityType, ...ActivityType[]]),
		/** the hours it took (optional): the rule's credit rate for the type caps what they earn */
		hours: optionalText(20).transform((v, ctx) => {
			if (v === undefined) return null;
			const n = Number(v.replace(',', '.'));
			if (Number.isFinite(n) && n > 0 && n <= 1000 && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6) return n;
			ctx.addIssue({ code: 'custom', message: m.field_hours() });
			return z.NEVER;
		})
	});
}

export type Activity = z.output<ReturnType<typeof activitySchema>>;

/** The activity form, its date checked against the learner's today (so the schema depends on who posts it). */
export async function readActivity(userId: string, form: FormData): Promise<Activity> {
	return checkForm(activitySchema((await today(userId)).today), form);
}

/** The worker's own ledger, newest activity first; `approved…` is what a reviewer approved when it differs (else null). */
export async function myEntries(userId: string) {
	const entries = await db.cpdEntry.findMany({
		where: { userId },
		orderBy: { activityDate: 'desc' },
		select: {
			id: true,
			title: true,
			providerName: true,
			providerSlug: true,
			activityDate: true,
			credits: true,
			category: true,
			activityType: true,
			hours: true,
			source: true,
			status: true,
			reviewReason: true,
			approvedCredits: true,
			approvedCategory: true,
			evidenceFileId: true,
			disallowedAt: true,
			disallowedReason: true
		}
	});
	return entries.map((e) => ({
		...e,
		hours: e.hours === null ? null : Number(e.hours),
		approvedCredits: e.approvedCredits === null ? null : Number(e.approvedCredits)
	}));
}

/** An external activity of the worker that may still be corrected (pending or rejected), or null. */
export function correctableEntry(userId: string, entryId: string) {
	return db.cpdEntry.findFirst({
		where: { id: entryId, userId, source: 'EXTERNAL', status: { in: ['PENDING', 'REJECTED'] } }
	});
}

export async function today(userId: string) {
	const ctx = await learnerContext(userId);
	return { ...ctx, today: dayIn(new Date(), ctx.timeZone) };
}

async function checkProvider(orgId: string | undefined) {
	if (!orgId) return null;
	const org = await db.organisation.findFirst({
		where: { id: orgId, type: 'TRAINING_PROVIDER' },
		select: { id: true }
	});
	if (!org) throw new DomainError(m.field_choose(), 400, { providerOrgId: m.field_choose() });
	return org.id;
}

export async function addActivity(user: SessionUser, input: Activity, file: File | null, once?: Once | null) {
	if (!file) throw new DomainError(m.evidence_required(), 400, { evidence: m.evidence_required() });
	const { jurisdictionId } = await learnerContext(user.id);
	const providerOrgId = await checkProvider(input.providerOrgId);
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const evidenceFileId = await storeEvidence(tx, { id: user.id, jurisdictionId }, file);
		const entry = await tx.cpdEntry.create({
			data: {
				userId: user.id,
				jurisdictionId,
				source: 'EXTERNAL',
				status: 'PENDING',
				title: input.title,
				providerName: input.providerName,
				providerOrgId,
				activityDate: toDate(input.activityDate),
				credits: input.credits,
				category: input.category,
				activityType: input.activityType,
				hours: input.hours,
				evidenceFileId
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'cpd.submitted',
			subjectType: 'cpd_entry',
			subjectId: entry.id,
			jurisdictionId
		});
		await askReviewers(tx, user, entry);
		return entry;
	});
}

/** The worker corrects a pending or rejected activity; it goes back to pending. A new file replaces the old. */
export async function resubmitActivity(user: SessionUser, entryId: string, input: Activity, file: File | null) {
	const entry = await db.cpdEntry.findFirst({ where: { id: entryId, userId: user.id, source: 'EXTERNAL' } });
	if (!entry) throw new DomainError(m.not_found(), 404);
	if (entry.status === 'APPROVED') throw new DomainError(m.cpd_already_approved(), 409);
	const providerOrgId = await checkProvider(input.providerOrgId);
	return db.$transaction(async (tx) => {
		const evidenceFileId =
			file && file.size
				? await storeEvidence(tx, { id: user.id, jurisdictionId: entry.jurisdictionId }, file)
				: entry.evidenceFileId;
		const { count } = await tx.cpdEntry.updateMany({
			where: { id: entry.id, status: { in: ['PENDING', 'REJECTED'] } },
			data: {
				title: input.title,
				providerName: input.providerName,
				providerOrgId,
				activityDate: toDate(input.activityDate),
				credits: input.credits,
				category: input.category,
				activityType: input.activityType,
				hours: input.hours,
				evidenceFileId,
				status: 'PENDING',
				reviewedAt: null,
				reviewedById: null,
				reviewReason: null
			}
		});
		if (!count) throw new DomainError(m.cpd_already_approved(), 409);
		await audit(tx, {
			actorId: user.id,
			action: 'cpd.resubmitted',
			subjectType: 'cpd_entry',
			subjectId: entry.id,
			jurisdictionId: entry.jurisdictionId
		});
		await askReviewers(tx, user, { ...entry, title: input.title, providerName: input.providerName, providerOrgId });
	});
}

/**
 * A claim to review goes to its reviewers: the provider admins of the provider named, else (no provider on Credo,
 * or none administers it) the regulators of the worker's jurisdiction — never to the claimant.
 */
async function askReviewers(
	tx: Db,
	user: SessionUser,
	entry: {
		id: string;
		title: string;
		providerName: string | null;
		providerOrgId: string | null;
		jurisdictionId: string | null;
	}
) {
	let reviewers = entry.providerOrgId ? await membersWith(tx, 'PROVIDER', { organisationId: entry.providerOrgId }) : [];
	if (!reviewers.length && entry.jurisdictionId)
		reviewers = await membersWith(tx, 'REGULATOR', { jurisdictionId: entry.jurisdictionId });
	for (const person of reviewers.filter((r) => r.id !== user.id)) {
		const locale = asLocale(person.locale);
		await notify(
			tx,
			person,
			{
				kind: 'cpd-to-review',
				subject: noticeSubject.cpdClaim(entry.id),
				title: m.wait_cpd_title({}, { locale }),
				body: m.wait_cpd_body(
					{ person: user.name, title: entry.title, provider: entry.providerName ?? '—' },
					{ locale }
				),
				link: `/cpd/review#entry-${entry.id}`
			},
			publicOrigin()
		);
	}
}

/**
 * May this person decide this entry? The provider admin for its own courses, or a regulator of the jurisdiction —
 * never the claimant: nobody decides their own claim, whatever their roles.
 */
export function mayReview(
	user: SessionUser,
	entry: { userId: string; providerOrgId: string | null; jurisdictionId: string | null }
) {
	if (entry.userId === user.id) return false;
	return user.memberships.some(
		(mem) =>
			(mem.role === 'PROVIDER' && entry.providerOrgId && mem.organisationId === entry.providerOrgId) ||
			(mem.role === 'REGULATOR' && entry.jurisdictionId && mem.jurisdictionId === entry.jurisdictionId)
	);
}

/** The claims this person may decide, oldest first, each with its content area, activity type and hours. */
export async function reviewQueue(user: SessionUser) {
	const orgs = user.memberships
		.filter((mem) => mem.role === 'PROVIDER' && mem.organisationId)
		.map((mem) => mem.organisationId!);
	const jurisdictions = user.memberships
		.filter((mem) => mem.role === 'REGULATOR' && mem.jurisdictionId)
		.map((mem) => mem.jurisdictionId!);
	return db.cpdEntry.findMany({
		where: {
			status: 'PENDING',
			source: 'EXTERNAL',
			userId: { not: user.id }, // nobody sees, or decides, their own claim
			OR: [{ providerOrgId: { in: orgs } }, { jurisdictionId: { in: jurisdictions } }]
		},
		orderBy: { createdAt: 'asc' },
		take: 200,
		select: {
			id: true,
			title: true,
			providerName: true,
			activityDate: true,
			credits: true,
			category: true,
			activityType: true,
			hours: true,
			evidenceFileId: true,
			createdAt: true,
			user: { select: { name: true, email: true } },
			providerOrg: { select: { name: true } }
		}
	});
}

/** A number typed in a field, or undefined when the field is empty ("as claimed"). */
const optionalNumber = () =>
	optionalText(20).transform((v, ctx) => {
		if (v === undefined) return undefined;
		const n = Number(v.replace(',', '.'));
		if (Number.isFinite(n)) return n;
		ctx.addIssue({ code: 'custom', message: m.field_number() });
		return z.NEVER;
	});

/** approve (as claimed), reject (with a reason), or change: approve with the credits and category typed. */
export const decisionSchema = z.object({
	entryId: z.string({ error: () => m.field_required() }).uuid({ error: () => m.not_found() }),
	decision: choice(['approve', 'reject', 'change'] as const),
	reason: optionalText(500),
	credits: optionalNumber(),
	category: optionalText(60)
});

type DecisionForm = z.output<typeof decisionSchema>;
/** A decision: the credits and category typed matter only to "change" (absent = as claimed). */
export type Decision = Omit<DecisionForm, 'credits' | 'category'> & Partial<Pick<DecisionForm, 'credits' | 'category'>>;

export async function decide(user: SessionUser, input: Decision, origin: string) {
	if (input.decision === 'reject' && !input.reason)
		throw new DomainError(m.cpd_reason_required(), 400, { reason: m.cpd_reason_required() });
	const entry = await db.cpdEntry.findUnique({ where: { id: input.entryId }, include: { user: true } });
	if (!entry || entry.source !== 'EXTERNAL') throw new DomainError(m.not_found(), 404);
	if (!mayReview(user, entry)) throw new Forbidden();
	const claim = { credits: Number(entry.credits), category: entry.category };
	const categories = getContent().framework.categories.map((c) => c.id); // the claim form's list
	const approval: Approval =
		input.decision === 'change'
			? approvalOf(claim, input, categories)
			: { approvedCredits: null, approvedCategory: null, reason: input.reason ?? null };
	const status = input.decision === 'reject' ? 'REJECTED' : 'APPROVED';
	return db.$transaction(async (tx) => {
		const { count } = await tx.cpdEntry.updateMany({
			where: { id: entry.id, status: 'PENDING' },
			data: {
				status,
				reviewedById: user.id,
				reviewedAt: new Date(),
				reviewReason: approval.reason,
				approvedCredits: approval.approvedCredits,
				approvedCategory: approval.approvedCategory
			}
		});
		if (!count) throw new DomainError(m.cpd_already_decided(), 409); // someone else decided first
		await clearNotices(tx, noticeSubject.cpdClaim(entry.id));
		const partial = status === 'APPROVED' && changed(approval);
		await audit(tx, {
			actorId: user.id,
			action: partial ? 'cpd.approved_with_changes' : `cpd.${status === 'APPROVED' ? 'approved' : 'rejected'}`,
			subjectType: 'cpd_entry',
			subjectId: entry.id,
			jurisdictionId: entry.jurisdictionId,
			organisationId: entry.providerOrgId,
			reason: approval.reason,
			...(partial && {
				data: {
					before: claim,
					after: {
						credits: approval.approvedCredits ?? claim.credits,
						category: approval.approvedCategory ?? claim.category
					}
				}
			})
		});
		return notify(tx, entry.user, decisionNotice(entry, status, approval), origin);
	});
}

/** What the worker is told: approved (as claimed, or what was approved and why), or rejected with the reason. */
function decisionNotice(
	entry: { title: string; credits: unknown; user: { locale: string | null } },
	status: 'APPROVED' | 'REJECTED',
	approval: Approval
) {
	const locale = asLocale(entry.user.locale);
	const [title, reason] = [entry.title, approval.reason ?? ''];
	if (status === 'REJECTED')
		return {
			kind: 'cpd-reject',
			title: m.notice_cpd_rejected_title({}, { locale }),
			body: m.notice_cpd_rejected_body({ title, reason }, { locale }),
			link: '/cpd'
		};
	if (!changed(approval))
		return {
			kind: 'cpd-approve',
			title: m.notice_cpd_approved_title({}, { locale }),
			body: m.notice_cpd_approved_body({ title }, { locale }),
			link: '/cpd'
		};
	const what = approvedLine(Number(entry.credits), approval, locale);
	return {
		kind: 'cpd-approve',
		title: m.partial_notice_title({}, { locale }),
		body: m.partial_notice_body({ title, what, reason }, { locale }),
		link: '/cpd'
	};
}
