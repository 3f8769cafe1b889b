// The student's hours log and the field supervisor's sign-off. Decisions are race-safe: an entry is decided by
// whichever request updates it while it is still pending; the other is told.
import { z } from 'zod';
import { db, type Db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { clearNotices, notify, noticeSubject } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';
import { text, optionalText, choice, calendarDay, uuid, idList } from '../forms/fields';
import { dayIn, fromDate, toDate } from '$lib/calendar-day';
import { checkHours, type HoursProblem } from './hours-rules';
import { placementFor } from './placements';
import { m } from '$lib/paraglide/messages';
import { asLocale } from '$lib/labels';

import { formatDay } from '$lib/dates';

export async function settingsFor(universityId: string) {
	const s = await db.practicumSettings.upsert({
		where: { organisationId: universityId },
		create: { organisationId: universityId },
		update: {}
	});
	return {
		hourStep: Number(s.hourStep),
		maxPerEntry: Number(s.maxPerEntry),
		maxPerDay: Number(s.maxPerDay),
		staleDays: s.staleDays
	};
}

export const hoursSchema = z.object({
	date: calendarDay(),
	hours: z.coerce.number({ error: () => m.field_number() }),
	activity: text(500),
	competencies: idList()
});
/** The fields posted once per ticked box. */
export const HOURS_LISTS = ['competencies'] as const;

function message(p: HoursProblem): string {
	switch (p.code) {
		case 'not-signed':
			return m.hours_not_signed();
		case 'future':
			return m.field_date_future();
		case 'outside':
			return m.hours_outside();
		case 'zero':
			return m.hours_zero();
		case 'step':
			return m.hours_step({ step: p.limit ?? 0.25 });
		case 'entry-max':
			return m.hours_entry_max({ max: p.limit ?? 12 });
		case 'day-max':
			return m.hours_day_max({ left: Math.max(0, p.limit ?? 0) });
	}
}

async function check(
	placement: {
		id: string;
		universityId: string;
		jurisdictionId: string;
		startsOn: Date;
		endsOn: Date;
		status: string;
		competencies: string[];
	},
	input: z.output<typeof hoursSchema>,
	excludeId?: string
) {
	const [settings, j, same] = await Promise.all([
		settingsFor(placement.universityId),
		db.jurisdiction.findUniqueOrThrow({ where: { id: placement.jurisdictionId }, select: { timeZone: true } }),
		db.practicumLog.aggregate({
			where: {
				placementId: placement.id,
				date: toDate(input.date),
				status: { in: ['PENDING', 'APPROVED'] },
				...(excludeId ? { NOT: { id: excludeId } } : {})
			},
			_sum: { hours: true }
		})
	]);
	const problems = checkHours({
		date: input.date,
		hours: input.hours,
		today: dayIn(new Date(), j.timeZone),
		sameDay: Number(same._sum.hours ?? 0),
		settings,
		placement: {
			startsOn: fromDate(placement.startsOn),
			endsOn: fromDate(placement.endsOn),
			signed: placement.status === 'ACTIVE'
		}
	});
	if (input.competencies.some((c) => !placement.competencies.includes(c)))
		problemsOrThrow([], { competencies: m.hours_competencies() });
	problemsOrThrow(problems, {});
}

/** The form-level problem (not signed) becomes the message; each field problem goes beside its field. */
function problemsOrThrow(problems: HoursProblem[], extra: Record<string, string>) {
	const fields: Record<string, string> = { ...extra };
	let formMessage: string | null = null;
	for (const p of problems) {
		if (p.field === 'form') formMessage ??= message(p);
		else fields[p.field] ??= message(p);
	}
	if (formMessage || Object.keys(fields).length)
		throw new DomainError(formMessage ?? Object.values(fields)[0], 400, formMessage ? {} : fields);
}

/** One open notice per placement, to its field supervisor, while hours logged by the student wait for a decision. */
export async function askToDecide(
	tx: Db,
	placementId: string,
	supervisorId: string,
	studentName: string,
	entry: { date: Date; hours: number | { toString(): string } },
	origin: string
) {
	const supervisor = await tx.user.findUniqueOrThrow({ where: { id: supervisorId } });
	const locale = asLocale(supervisor.locale);
	await notify(
		tx,
		supervisor,
		{
			kind: 'hours-pending',
			subject: noticeSubject.hours(placementId),
			title: m.wait_hours_title({}, { locale }),
			body: m.wait_hours_body(
				{ student: studentName, date: formatDay(entry.date, locale), hours: Number(entry.hours) },
				{ locale }
			),
			link: `/practicum/placements/${placementId}#decide-form`
		},
		origin
	);
}

export async function logHours(
	user: SessionUser,
	placementId: string,
	input: z.output<typeof hoursSchema>,
	once?: Once | null
) {
	const found = await placementFor(user, placementId);
	if (!found) throw new DomainError(m.not_found(), 404);
	if (!found.roles.includes('student')) throw new Forbidden();
	await check(found.placement, input);
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const entry = await tx.practicumLog.create({
			data: {
				placementId,
				jurisdictionId: found.placement.jurisdictionId,
				date: toDate(input.date),
				hours: input.hours,
				activity: input.activity,
				competencies: input.competencies
			}
		});
		await askToDecide(tx, placementId, found.placement.supervisorId, user.name, entry, publicOrigin());
		return entry;
	});
}

/**
 * A pending entry can be corrected (or a rejected one resubmitted); an approved one cannot. A decided (rejected) entry
 * corrected goes back to its field supervisor as pending, undecided, with a notice.
 */
export async function editHours(
	user: SessionUser,
	entryId: string,
	input: z.output<typeof hoursSchema>,
	origin: string
) {
	const entry = await db.practicumLog.findUnique({ where: { id: entryId }, include: { placement: true } });
	if (!entry || entry.placement.studentId !== user.id) throw new DomainError(m.not_found(), 404);
	await check(entry.placement, input, entry.id);
	await db.$transaction(async (tx) => {
		const reopened = await tx.practicumLog.updateManyAndReturn({
			where: { id: entryId, status: { in: ['PENDING', 'REJECTED'] } },
			data: {
				date: toDate(input.date),
				hours: input.hours,
				activity: input.activity,
				competencies: input.competencies,
				status: 'PENDING',
				comment: null,
				decidedById: null,
				decidedAt: null
			},
			select: { id: true }
		});
		if (!reopened.length) throw new DomainError(m.hours_decided(), 409);
		if (entry.status === 'PENDING') return; // not yet decided: the supervisor sees it in the queue as it is
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.hours_amended',
			subjectType: 'practicum_log',
			subjectId: entry.id,
			jurisdictionId: entry.jurisdictionId,
			data: {
				before: { date: fromDate(entry.date), hours: Number(entry.hours), status: entry.status },
				after: { date: input.date, hours: input.hours }
			}
		});
		const supervisor = await tx.user.findUniqueOrThrow({ where: { id: entry.placement.supervisorId } });
		const locale = asLocale(supervisor.locale);
		await notify(
			tx,
			supervisor,
			{
				kind: 'hours-amended',
				// a to-do like new hours (the same subject: one open notice per placement)
				subject: noticeSubject.hours(entry.placementId),
				title: m.review_notice_hours_amended_title({}, { locale }),
				body: m.review_notice_hours_amended_body(
					{ date: formatDay(input.date, locale), hours: input.hours },
					{ locale }
				),
				link: `/practicum/placements/${entry.placementId}#decide-form`
			},
			origin
		);
	});
}

export async function withdrawHours(user: SessionUser, entryId: string) {
	const entry = await db.practicumLog.findUnique({ where: { id: entryId }, include: { placement: true } });
	if (!entry || entry.placement.studentId !== user.id) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		const { count } = await tx.practicumLog.updateMany({
			where: { id: entryId, status: 'PENDING' },
			data: { status: 'WITHDRAWN' }
		});
		if (!count) throw new DomainError(m.hours_decided(), 409);
		await settleHoursNotice(tx, entry.placementId);
	});
}

/** No hours of the placement wait any more: the field supervisor's notice is done. */
async function settleHoursNotice(tx: Db, placementId: string) {
	const pending = await tx.practicumLog.count({ where: { placementId, status: 'PENDING' } });
	if (!pending) await clearNotices(tx, noticeSubject.hours(placementId));
}

export const decisionSchema = z.object({
	decision: choice(['approve', 'reject'] as const),
	comment: optionalText(500)
});

/** The field supervisor decides their own students' pending entries; returns how many this request decided. */
export async function decideHours(
	user: SessionUser,
	entryIds: string[],
	decision: 'approve' | 'reject',
	comment: string | undefined,
	origin: string
) {
	if (!entryIds.length) throw new DomainError(m.hours_select(), 400);
	if (decision === 'reject' && !comment)
		throw new DomainError(m.hours_comment_required(), 400, { comment: m.hours_comment_required() });
	const entries = await db.practicumLog.findMany({ where: { id: { in: entryIds } }, include: { placement: true } });
	if (entries.length !== new Set(entryIds).size || entries.some((e) => e.placement.supervisorId !== user.id))
		throw new Forbidden(m.hours_not_yours());
	const status = decision === 'approve' ? 'APPROVED' : 'REJECTED';
	let decided = 0;
	for (const e of entries) {
		await db.$transaction(async (tx) => {
			const { count } = await tx.practicumLog.updateMany({
				where: { id: e.id, status: 'PENDING' },
				data: { status, comment: comment ?? null, decidedById: user.id, decidedAt: new Date() }
			});
			if (!count) return; // decided elsewhere first
			decided++;
			await settleHoursNotice(tx, e.placementId);
			await audit(tx, {
				actorId: user.id,
				action: `practicum.hours_${status.toLowerCase()}`,
				subjectType: 'practicum_log',
				subjectId: e.id,
				jurisdictionId: e.jurisdictionId,
				reason: comment ?? null
			});
			const student = await tx.user.findUniqueOrThrow({ where: { id: e.placement.studentId } });
			const locale = asLocale(student.locale);
			await notify(
				tx,
				student,
				{
					kind: `hours-${decision}`,
					title:
						status === 'APPROVED'
							? m.notice_hours_approved_title({}, { locale })
							: m.notice_hours_rejected_title({}, { locale }),
					body: m.notice_hours_body(
						{ date: formatDay(e.date, locale), hours: Number(e.hours), comment: comment ?? '—' },

						{ locale }
					),
					link: `/practicum/placements/${e.placementId}`
				},
				origin
			);
		});
	}
	if (!decided) throw new DomainError(m.hours_decided(), 409);
	return decided;
}

export async function pendingForSupervisor(user: SessionUser) {
	return db.practicumLog.findMany({
		where: { status: 'PENDING', placement: { supervisorId: user.id } },
		orderBy: [{ placementId: 'asc' }, { date: 'asc' }],
		take: 500,
		select: { id: true, date: true, hours: true, activity: true, placementId: true }
	});
}

/** The sign-off page: the supervisor's pending entries, each with its student's name. */
export async function signOffQueue(user: SessionUser) {
	const entries = await pendingForSupervisor(user);
	const placements = await db.placement.findMany({
		where: { id: { in: [...new Set(entries.map((e) => e.placementId))] } },
		select: { id: true, studentId: true }
	});
	const students = await db.user.findMany({
		where: { id: { in: placements.map((p) => p.studentId) } },
		select: { id: true, name: true }
	});
	const studentOf = new Map(placements.map((p) => [p.id, students.find((s) => s.id === p.studentId)?.name ?? '']));
	return entries.map((e) => ({ ...e, hours: Number(e.hours), student: studentOf.get(e.placementId) }));
}

/** The student's own entry that may still be edited or withdrawn (pending or rejected), or null. */
export function editableEntry(userId: string, entryId: string) {
	return db.practicumLog.findFirst({
		where: { id: entryId, status: { in: ['PENDING', 'REJECTED'] }, placement: { studentId: userId } },
		include: { placement: { select: { competencies: true } } }
	});
}

const tickedSchema = z.array(uuid());

/** The entries ticked on a sign-off form (checkboxes named entryId); a forged value is refused like none ticked. */
export function tickedEntries(form: FormData): string[] {
	const ids = tickedSchema.safeParse(form.getAll('entryId'));
	if (!ids.success) throw new DomainError(m.hours_select(), 400);
	return ids.data;
}
