// Issuing and revoking certificates. Issuance is idempotent: the certificate's key is (programme, person, sequence)
// and the sequence follows the previous certificate, so repeated or concurrent requests for the same evidence give
// one row; a re-certification needs evidence dated after the previous certificate (see eligibility.ts).
import { z } from 'zod';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { notify } from '../people/notifications';
import { linkOrCreateWorker } from '../people/workers';
import { dayIn, fromDate, toDate, today, type CalendarDay } from '$lib/calendar-day';
import { calendarDay } from '../forms/fields';
import { getContent } from '../content';
import { registerJob, enqueue } from '../jobs/queue';
import { eligibility, expiryFor, type Eligibility, type Evidence, type ProgrammeRules } from './eligibility';
import { administersProvider } from './programmes';
import { newVerificationCode } from './code';
import { cohortIssueDay } from './session-days';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';
import { formatDay } from '$lib/dates';

import { publicOrigin } from './origin';
export { publicOrigin };

type ProgrammeWithModules = Awaited<ReturnType<typeof loadProgrammes>>[number];

function loadProgrammes(where: {
	id?: { in: string[] };
	archivedAt?: null;
	deliveredOutside?: boolean;
	jurisdictionId?: { in: string[] };
}) {
	return db.programme.findMany({
		where,
		include: { modules: { orderBy: { position: 'asc' } }, provider: { select: { id: true, name: true } } },
		orderBy: { title: 'asc' }
	});
}

export function rulesOf(p: ProgrammeWithModules): ProgrammeRules {
	return {
		modules: p.modules.map((x) => ({ moduleId: x.moduleId, minScore: x.minScore })),
		requiresEvent: p.requiresEvent,
		minPracticumHours: p.minPracticumHours === null ? null : Number(p.minPracticumHours),
		minSupervisionHours: p.minSupervisionHours === null ? null : Number(p.minSupervisionHours)
	};
}

/** Whose evidence: a person's account (modules, placements, supervision and events) and their worker records, or a
 *  worker record without an account (events only). */
interface Holder {
	userId: string | null;
	workerIds: string[];
}

/**
 * Everything one person has done that a programme could ask for, for several programmes at once: a fixed number
 * of queries whatever the number of programmes.
 */
async function evidenceOf(holder: Holder, programmes: ProgrammeWithModules[]) {
	const { userId, workerIds } = holder;
	const moduleIds = [...new Set(programmes.flatMap((p) => p.modules.map((x) => x.moduleId)))];
	const programmeIds = programmes.map((p) => p.id);
	const needsHours = userId && programmes.some((p) => p.minPracticumHours !== null);
	const needsSupervision = userId && programmes.some((p) => p.minSupervisionHours !== null);
	const [completions, events, marks, practicum, supervision, previous] = await Promise.all([
		userId && moduleIds.length
			? db.moduleCompletion.findMany({
					where: { userId, moduleId: { in: moduleIds } },
					select: { moduleId: true, moduleVersionId: true, score: true, completedAt: true }
				})
			: [],
		db.trainingEvent.findMany({
			where: { programmeId: { in: programmeIds }, participants: { some: { workerId: { in: workerIds } } } },
			select: { id: true, programmeId: true, title: true, sessionDays: true }
		}),
		db.attendanceMark.findMany({
			where: {
				workerId: { in: workerIds },
				event: { programmeId: { in: programmeIds } },
				OR: [{ present: true }, { makeUp: true }]
			},
			select: { eventId: true, day: true }
		}),
		needsHours
			? db.$queryRaw<{ date: Date; hours: number }[]>`
				select l.date, sum(l.hours)::float8 as hours from practicum_logs l join placements p on p.id = l.placement_id
				where p.student_id = ${userId}::uuid and l.status = 'APPROVED' group by l.date`
			: [],
		needsSupervision
			? db.$queryRaw<{ date: Date; minutes: number }[]>`
				select s.date, sum(s.minutes)::int as minutes from session_attendees a join supervision_sessions s on s.id = a.session_id
				where a.supervisee_id = ${userId}::uuid and a.status = 'CONFIRMED' and s.withdrawn_at is null group by s.date`
			: [],
		// by the person's worker record too: a certificate recorded before they had an account is theirs, and the next
		// one of the programme takes the sequence after it
		db.certificate.findMany({
			where: {
				OR: [...(userId ? [{ userId }] : []), { workerId: { in: workerIds } }],
				programmeId: { in: programmeIds }
			},
			orderBy: { sequence: 'desc' },
			select: { programmeId: true, sequence: true, issuedAt: true, id: true, code: true, revokedAt: true }
		})
	]);
	return (
		p: ProgrammeWithModules
	): {
		evidence: Evidence;
		previous: { sequence: number; id: string; code: string; revokedAt: Date | null } | null;
	} => {
		const prev = previous.find((c) => c.programmeId === p.id) ?? null;
		return {
			previous: prev,
			evidence: {
				completions,
				events: events
					.filter((e) => e.programmeId === p.id)
					.map((e) => ({
						eventId: e.id,
						title: e.title,
						days: e.sessionDays.map(fromDate).sort(),
						attended: marks.filter((mk) => mk.eventId === e.id).map((mk) => fromDate(mk.day))
					})),
				practicum: practicum.map((x) => ({ date: x.date, hours: Number(x.hours) })),
				supervision: supervision.map((x) => ({ date: x.date, minutes: Number(x.minutes) })),
				previousIssuedAt: prev?.issuedAt ?? null
			}
		};
	};
}

const personal = async (userId: string): Promise<Holder> => ({ userId, workerIds: await workerIdsOf(userId) });

/** The jurisdictions whose programmes a person can earn: their worker profile's and their memberships'. */
async function jurisdictionsOf(userId: string) {
	const [worker, memberships] = await Promise.all([
		db.workerProfile.findUnique({ where: { userId }, select: { jurisdictionId: true } }),
		db.membership.findMany({
			where: { userId },
			select: { jurisdictionId: true, organisation: { select: { jurisdictionId: true } } }
		})
	]);
	const ids = new Set<string>();
	if (worker) ids.add(worker.jurisdictionId);
	for (const mem of memberships) {
		if (mem.jurisdictionId) ids.add(mem.jurisdictionId);
		if (mem.organisation) ids.add(mem.organisation.jurisdictionId);
	}
	return [...ids];
}

async function workerIdsOf(userId: string) {
	return (await db.workerProfile.findMany({ where: { userId }, select: { id: true } })).map((w) => w.id);
}

/** The learner's page: their certificates, and per programme what is met and what is left. */
export async function learnerOverview(userId: string) {
	const jurisdictions = await jurisdictionsOf(userId);
	const [programmes, certificates] = await Promise.all([
		// a programme delivered outside Credo has nothing to earn here: its certificates are recorded, not claimed
		loadProgrammes({ archivedAt: null, deliveredOutside: false, jurisdictionId: { in: jurisdictions } }),
		db.certificate.findMany({
			where: { OR: [{ userId }, { workerId: { in: await workerIdsOf(userId) } }] },
			include: { programme: { select: { title: true, provider: { select: { name: true } } } } },
			orderBy: { issuedAt: 'desc' }
		})
	]);
	const ev = await evidenceOf(await personal(userId), programmes);
	const modules = new Map(getContent().modules.map((mod) => [mod.id, mod.title]));
	return {
		// each certificate under the title it was issued with
		certificates: certificates.map((c) => ({
			...c,
			programme: { ...c.programme, title: c.programmeTitle ?? c.programme.title }
		})),
		programmes: programmes.map((p) => {
			const { evidence, previous } = ev(p);
			const result = eligibility(rulesOf(p), evidence);
			return {
				id: p.id,
				title: p.title,
				description: p.description,
				provider: p.provider.name,
				recognised: p.recognitionStatus === 'CONFIRMED',
				validityMonths: p.validityMonths,
				held: !!previous,
				eligible: result.eligible,
				requirements: result.requirements.map((r) =>
					r.kind === 'module' ? { ...r, title: modules.get(r.moduleId) ?? r.moduleId } : r
				)
			};
		})
	};
}

export type IssueResult =
	| { created: boolean; certificate: { id: string; code: string } }
	| { created: false; certificate: null; eligibility: Eligibility };

function isUniqueViolation(e: unknown) {
	return (e as { code?: string }).code === 'P2002' || /unique constraint/i.test(String((e as Error)?.message));
}

interface IssueOptions {
	actorId?: string | null;
	now?: Date;
	/** the day the certificate is dated (cohort issuance: the event's last day, or a past day the issuer chose);
	 *  default: today in the jurisdiction */
	issuedOn?: CalendarDay;
}

/**
 * Issues the programme's certificate to the person when they are eligible. Safe to call again and concurrently:
 * the second caller gets the first caller's certificate.
 */
export async function issueCertificate(
	programmeId: string,
	userId: string,
	opts: IssueOptions = {}
): Promise<IssueResult> {
	return issue(programmeId, await personal(userId), opts);
}

/** Issues to a worker record (an event's participant): through their account when one is linked, else to the record
 *  alone (the person sees it once an account is linked). */
export async function issueToWorker(programmeId: string, workerId: string, opts: IssueOptions = {}) {
	const w = await db.workerProfile.findUniqueOrThrow({ where: { id: workerId }, select: { userId: true } });
	return w.userId
		? issueCertificate(programmeId, w.userId, opts)
		: issue(programmeId, { userId: null, workerIds: [workerId] }, opts);
}

async function issue(programmeId: string, holder: Holder, opts: IssueOptions): Promise<IssueResult> {
	const now = opts.now ?? new Date();
	const [p] = await loadProgrammes({ id: { in: [programmeId] } });
	if (!p) throw new DomainError(m.not_found(), 404);
	if (p.deliveredOutside) throw new DomainError(m.prog_outside_not_issued(), 409);
	const { evidence, previous } = (await evidenceOf(holder, [p]))(p);
	const result = eligibility(rulesOf(p), evidence);
	const sequence = (previous?.sequence ?? 0) + 1;
	if (!result.eligible || !result.snapshot) {
		// asked again (or concurrently, after the first request committed): the certificate already held is the answer
		if (previous && !previous.revokedAt)
			return { created: false, certificate: { id: previous.id, code: previous.code } };
		return { created: false, certificate: null, eligibility: result };
	}
	const user = holder.userId
		? await db.user.findUniqueOrThrow({
				where: { id: holder.userId },
				select: { id: true, email: true, name: true, locale: true }
			})
		: null;
	const worker = user
		? await ensureWorker(user, p.jurisdictionId)
		: await db.workerProfile.findUniqueOrThrow({ where: { id: holder.workerIds[0] } });
	const jurisdiction = await db.jurisdiction.findUniqueOrThrow({
		where: { id: p.jurisdictionId },
		select: { timeZone: true }
	});
	const issuedDay = opts.issuedOn ?? dayIn(now, jurisdiction.timeZone);
	const expiresOn = expiryFor(issuedDay, p.validityMonths);
	const moduleCompetencies = getContent()
		.modules.filter((mod) => p.modules.some((x) => x.moduleId === mod.id))
		.flatMap((mod) => mod.competencies);
	const competencies = [...new Set([...moduleCompetencies, ...p.competencies])];
	try {
		const certificate = await db.$transaction(async (tx) => {
			const c = await tx.certificate.create({
				data: {
					jurisdictionId: p.jurisdictionId,
					programmeId,
					programmeTitle: p.title, // shown on the certificate ever after, whatever the programme is renamed to
					userId: user?.id ?? null,
					workerId: worker.id,
					holderName: `${worker.givenName} ${worker.familyName}`.trim() || user?.name || '',
					sequence,
					code: newVerificationCode(),
					issuedAt: now,
					issuedOn: toDate(issuedDay),
					expiresOn: expiresOn && toDate(expiresOn),
					eventId: result.snapshot!.eventId,
					issuedById: opts.actorId ?? null,
					competencies,
					evidence: JSON.parse(JSON.stringify(result.snapshot))
				},
				select: { id: true, code: true }
			});
			await audit(tx, {
				actorId: opts.actorId ?? null,
				action: 'certificate.issued',
				subjectType: 'certificate',
				subjectId: c.id,
				jurisdictionId: p.jurisdictionId,
				organisationId: p.providerId,
				data: {
					programmeId,
					userId: user?.id ?? null,
					workerId: worker.id,
					sequence,
					issuedOn: issuedDay,
					automatic: !opts.actorId
				}
			});
			if (user)
				await notifyHolder(tx, user, {
					kind: 'certificate.issued',
					title: m.cert_notice_issued_title({}, { locale: asLocale(user.locale) }),
					body: m.cert_notice_issued_body({ programme: p.title }, { locale: asLocale(user.locale) }),
					link: '/certificates'
				});
			return c;
		});
		return { created: true, certificate };
	} catch (e) {
		if (!isUniqueViolation(e)) throw e;
		const existing = await db.certificate.findUnique({
			where: { programmeId_workerId_sequence: { programmeId, workerId: worker.id, sequence } },
			select: { id: true, code: true }
		});
		if (!existing) throw e; // a verification-code collision (2^-80): let the caller retry
		return { created: false, certificate: existing };
	}
}

async function ensureWorker(user: { id: string; email: string; name: string }, jurisdictionId: string) {
	const found = await db.workerProfile.findUnique({ where: { userId: user.id } });
	if (found) return found;
	try {
		await db.$transaction((tx) => linkOrCreateWorker(tx, user, jurisdictionId, null));
	} catch (e) {
		if (!isUniqueViolation(e)) throw e; // created by a concurrent request
	}
	return db.workerProfile.findUniqueOrThrow({ where: { userId: user.id } });
}

async function notifyHolder(
	tx: Db,
	user: { id: string; email: string; locale: string | null },
	notice: { kind: string; title: string; body: string; link: string }
) {
	await notify(tx, user, notice, publicOrigin());
}

/** The learner asks for a certificate they are eligible for (also what automatic issuance calls). */
export async function claimCertificate(user: SessionUser, programmeId: string) {
	if (!z.string().uuid().safeParse(programmeId).success) throw new DomainError(m.not_found(), 404);
	const jurisdictions = await jurisdictionsOf(user.id);
	const p = await db.programme.findUnique({
		where: { id: programmeId },
		select: { jurisdictionId: true, archivedAt: true }
	});
	if (!p || p.archivedAt || !jurisdictions.includes(p.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	const r = await issueCertificate(programmeId, user.id);
	if (!r.certificate) throw new DomainError(m.cert_not_eligible(), 409);
	return r;
}

/** After a module is completed: issue every automatic programme the person has now completed. Never fails the caller. */
export async function autoIssueAfterModule(userId: string, moduleId: string) {
	try {
		const jurisdictions = await jurisdictionsOf(userId);
		const programmes = await db.programme.findMany({
			where: {
				autoIssue: true,
				archivedAt: null,
				requiresEvent: false,
				jurisdictionId: { in: jurisdictions },
				modules: { some: { moduleId } }
			},
			select: { id: true }
		});
		const issued = [];
		for (const p of programmes) {
			const r = await issueCertificate(p.id, userId);
			if (r.created) issued.push(r.certificate.id);
		}
		return issued;
	} catch (e) {
		console.error('automatic certificate issuance failed', e);
		return [];
	}
}

// --- revocation -------------------------------------------------------------------------------------------------

export const revokeSchema = z.object({
	reason: z
		.string({ error: () => m.field_required() })
		.trim()
		.min(5, { error: () => m.cert_reason_required() })
		.max(1000, { error: () => m.field_too_long({ max: 1000 }) }),
	/** the first day the certificate no longer counts; empty: today */
	effectiveOn: z.union([z.literal('').transform(() => null), calendarDay()]).optional()
});

/** A certificate the person may manage (the programme's provider, or an admin), or 404. */
export async function managedCertificate(user: SessionUser, certificateId: string) {
	const c = z.string().uuid().safeParse(certificateId).success
		? await db.certificate.findUnique({
				where: { id: certificateId },
				include: { programme: { include: { provider: { select: { id: true, name: true } } } } }
			})
		: null;
	if (!c || !administersProvider(user, c.programme.providerId)) throw new DomainError(m.not_found(), 404);
	return c;
}

/**
 * Revokes a certificate from `effectiveOn` (the first day it no longer counts: today when not given; never before it
 * was issued). An as-of report for an earlier day still counts it: the indicator spans end the day before.
 */
export async function revokeCertificate(
	user: SessionUser,
	certificateId: string,
	reason: string,
	effectiveOn: CalendarDay | null = null
) {
	const c = await managedCertificate(user, certificateId);
	const { timeZone } = await db.jurisdiction.findUniqueOrThrow({
		where: { id: c.jurisdictionId },
		select: { timeZone: true }
	});
	const on = effectiveOn ?? today(timeZone);
	if (on < fromDate(c.issuedOn)) throw new FieldError('effectiveOn', m.cert_revoke_before_issue());
	const holder = c.userId
		? await db.user.findUnique({ where: { id: c.userId }, select: { id: true, email: true, locale: true } })
		: null;
	await db.$transaction(async (tx) => {
		const { count } = await tx.certificate.updateMany({
			where: { id: c.id, revokedAt: null },
			data: { revokedAt: new Date(), revokedOn: toDate(on), revokeReason: reason, revokedById: user.id }
		});
		if (!count) throw new DomainError(m.cert_already_revoked(), 409);
		await audit(tx, {
			actorId: user.id,
			action: 'certificate.revoked',
			subjectType: 'certificate',
			subjectId: c.id,
			jurisdictionId: c.jurisdictionId,
			organisationId: c.programme.providerId,
			reason,
			data: { effectiveOn: on }
		});
		if (holder)
			await notifyHolder(tx, holder, {
				kind: 'certificate.revoked',
				title: m.cert_notice_revoked_title({}, { locale: asLocale(holder.locale) }),
				body: m.cert_notice_revoked_body(
					{ programme: c.programmeTitle ?? c.programme.title, reason },
					{ locale: asLocale(holder.locale) }
				),
				link: '/certificates'
			});
	});
}

/** Who may download a certificate's PDF and credential: the holder, the programme's provider, an admin. */
export async function downloadableCertificate(user: SessionUser, certificateId: string) {
	const c = z.string().uuid().safeParse(certificateId).success
		? await db.certificate.findUnique({
				where: { id: certificateId },
				include: { programme: { include: { provider: { select: { id: true, name: true, slug: true } } } } }
			})
		: null;
	if (!c || (c.userId !== user.id && !administersProvider(user, c.programme.providerId) && !isAdmin(user)))
		throw new DomainError(m.not_found(), 404);
	return c;
}

// --- cohort issuance as a background job --------------------------------------------------------------------------

const COHORT_JOB = 'certificates.cohort';

export const cohortSchema = z.object({
	/** the day the certificates are dated; empty: the event's last session day */
	issuedOn: z.union([z.literal('').transform(() => null), calendarDay()]).optional()
});

/** The event and the day its certificates would be dated, or a FieldError on `issuedOn`. */
async function cohortDay(user: SessionUser, eventId: string, chosen: CalendarDay | null) {
	const ev = z.string().uuid().safeParse(eventId).success
		? await db.trainingEvent.findUnique({
				where: { id: eventId },
				include: { programme: true }
			})
		: null;
	if (!ev || !administersProvider(user, ev.programme.providerId)) throw new DomainError(m.not_found(), 404);
	const { timeZone } = await db.jurisdiction.findUniqueOrThrow({
		where: { id: ev.jurisdictionId },
		select: { timeZone: true }
	});
	const last = fromDate(ev.endsOn);
	const r = cohortIssueDay(last, today(timeZone), chosen);
	if (!r.ok)
		throw new FieldError(
			'issuedOn',
			r.problem === 'not_over'
				? m.event_issue_not_over({ day: formatDay(last) })
				: r.problem === 'before_end'
					? m.event_issue_before_end({ day: formatDay(last) })
					: m.event_issue_future()
		);
	return { ev, issuedOn: r.day };
}

export interface CohortCheck {
	issuedOn: CalendarDay;
	lastDay: CalendarDay;
	participants: number;
	/** participants marked present (or made up) on every session day */
	attendedAll: number;
	withoutAccount: number;
}

/** What the cohort issuance would do, for the "check your answers" step before it starts. */
export async function checkCohortIssuance(
	user: SessionUser,
	eventId: string,
	chosen: CalendarDay | null
): Promise<CohortCheck> {
	const { ev, issuedOn } = await cohortDay(user, eventId, chosen);
	const days = ev.sessionDays.length;
	const [r] = await db.$queryRaw<{ participants: number; attended_all: number; without_account: number }[]>`
		select count(*)::int as participants,
			count(*) filter (where (select count(*) from attendance_marks a where a.event_id = p.event_id
				and a.worker_id = p.worker_id and (a.present or a.make_up) and a.day = any(${ev.sessionDays}::date[])) = ${days})::int as attended_all,
			count(*) filter (where w.user_id is null)::int as without_account
		from event_participants p join worker_profiles w on w.id = p.worker_id where p.event_id = ${ev.id}::uuid`;
	if (!r.participants) throw new DomainError(m.event_no_participants(), 400);
	return {
		issuedOn,
		lastDay: fromDate(ev.endsOn),
		participants: r.participants,
		attendedAll: r.attended_all,
		withoutAccount: r.without_account
	};
}

export async function startCohortIssuance(user: SessionUser, eventId: string, chosen: CalendarDay | null = null) {
	const { ev, issuedOn } = await cohortDay(user, eventId, chosen);
	// a second click while a run is queued or running shows that run instead of starting another
	const running = await db.importJob.findFirst({
		where: { kind: 'certificate-cohort', subjectId: eventId, status: { in: ['queued', 'issuing'] } }
	});
	if (running) return running;
	const total = await db.eventParticipant.count({ where: { eventId } });
	if (!total) throw new DomainError(m.event_no_participants(), 400);
	const report: CohortReport = { issuedOn, issued: 0, alreadyHeld: 0, notEligible: [], notEligibleMore: 0 };
	const job = await db.$transaction(async (tx) => {
		const j = await tx.importJob.create({
			data: {
				kind: 'certificate-cohort',
				jurisdictionId: ev.jurisdictionId,
				status: 'queued',
				total,
				subjectId: eventId,
				createdById: user.id,
				report: JSON.parse(JSON.stringify(report))
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'certificate.cohort_started',
			subjectType: 'training_event',
			subjectId: eventId,
			jurisdictionId: ev.jurisdictionId,
			organisationId: ev.programme.providerId,
			data: { jobId: j.id, total, issuedOn }
		});
		return j;
	});
	await enqueue(COHORT_JOB, { jobId: job.id });
	return job;
}

export interface CohortReport {
	/** the day the certificates are dated */
	issuedOn: CalendarDay;
	issued: number;
	alreadyHeld: number;
	notEligible: { name: string; contact: string; left: string }[];
	notEligibleMore: number;
}

export async function runCohortIssuance(jobId: string) {
	// one runner per job: the queue's worker and a direct call (or a retry) cannot both issue and count
	const { count } = await db.importJob.updateMany({
		where: { id: jobId, status: 'queued' },
		data: { status: 'issuing' }
	});
	if (!count) return;
	const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
	if (!job.subjectId) return;
	const ev = await db.trainingEvent.findUniqueOrThrow({ where: { id: job.subjectId } });
	const started = job.report as unknown as Partial<CohortReport> | null;
	const issuedOn = started?.issuedOn ?? fromDate(ev.endsOn);
	const report: CohortReport = { issuedOn, issued: 0, alreadyHeld: 0, notEligible: [], notEligibleMore: 0 };
	let processed = 0;
	let after: string | undefined;
	for (;;) {
		const batch = await db.eventParticipant.findMany({
			where: { eventId: ev.id, ...(after ? { workerId: { gt: after } } : {}) },
			orderBy: { workerId: 'asc' },
			take: 100,
			select: {
				workerId: true,
				worker: { select: { givenName: true, familyName: true, email: true, user: { select: { email: true } } } }
			}
		});
		if (!batch.length) break;
		for (const { workerId, worker } of batch) {
			const r = await issueToWorker(ev.programmeId, workerId, { actorId: job.createdById, issuedOn });
			if (r.created) report.issued++;
			else if (r.certificate) report.alreadyHeld++;
			else if (report.notEligible.length < 500) {
				const left = r.eligibility.requirements
					.filter((q) => !q.met)
					.map((q) =>
						q.kind === 'event' ? `${q.daysAttended}/${q.daysTotal}` : q.kind === 'module' ? q.moduleId : q.kind
					)
					.join(', ');
				report.notEligible.push({
					name: `${worker.givenName} ${worker.familyName}`.trim(),
					contact: worker.user?.email ?? worker.email ?? '',
					left
				});
			} else report.notEligibleMore++;
		}
		processed += batch.length;
		after = batch[batch.length - 1].workerId;
		await db.importJob.update({
			where: { id: jobId },
			data: { processed, report: JSON.parse(JSON.stringify(report)) }
		});
	}
	await db.importJob.update({
		where: { id: jobId },
		data: { status: 'done', processed, report: JSON.parse(JSON.stringify(report)), finishedAt: new Date() }
	});
}

registerJob(COHORT_JOB, async (data) => {
	const jobId = String(data.jobId);
	try {
		await runCohortIssuance(jobId);
	} catch (e) {
		await db.importJob
			.update({ where: { id: jobId }, data: { status: 'failed', finishedAt: new Date() } })
			.catch(() => {});
		throw e;
	}
});

export async function latestCohortJob(eventId: string) {
	const job = await db.importJob.findFirst({
		where: { kind: 'certificate-cohort', subjectId: eventId },
		orderBy: { createdAt: 'desc' }
	});
	return job
		? {
				...job,
				report: (job.report as unknown as CohortReport | null) ?? {
					issuedOn: null,
					issued: 0,
					alreadyHeld: 0,
					notEligible: [],
					notEligibleMore: 0
				}
			}
		: null;
}
