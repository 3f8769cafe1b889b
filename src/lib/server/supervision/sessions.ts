// Supervision sessions: the supervisor logs them; each supervisee confirms or disputes; a disputed session goes back
// to the supervisor to amend or withdraw; only confirmed attendance counts. Private notes stay with the supervisor.
import { z } from 'zod';
import { db, type Db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { optionalText, choice, calendarDay } from '../forms/fields';
import { formatDay } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { fromDate, toDate } from '$lib/calendar-day';
import { asLocale } from '$lib/labels';
import { clearNotices, notify, noticeSubject } from '../people/notifications';
import { publicOrigin } from '../certificates/origin';

export const FUNCTIONS = ['administrative', 'educational', 'supportive'] as const;

export const sessionSchema = z.object({
	date: calendarDay(),
	minutes: z.coerce
		.number({ error: () => m.field_number() })
		.int({ error: () => m.rule_whole() })
		.min(5, { error: () => m.session_minutes() })
		.max(600, { error: () => m.session_minutes() }),
	format: choice(['INDIVIDUAL', 'GROUP', 'PEER'] as const),
	// a field posted twice (a forged form, a double click in a list) counts once: a supervisee attends a session once
	functions: z
		.array(z.enum(FUNCTIONS))
		.min(1, { error: () => m.session_functions() })
		.transform((a) => [...new Set(a)]),
	supervisees: z
		.array(z.string().uuid())
		.min(1, { error: () => m.session_supervisees() })
		.transform((a) => [...new Set(a)]),
	privateNotes: optionalText(5000)
});

/** The session form's fields posted once per ticked box. */
export const SESSION_LISTS = ['functions', 'supervisees'] as const;

/** A disputed session corrected: its date, length and functions (posted as hidden fields). */
export const amendSchema = sessionSchema
	.pick({ date: true, minutes: true, functions: true })
	.extend({ sessionId: z.string().uuid() });
export const AMEND_LISTS = ['functions'] as const;

/** The supervisees currently assigned to this supervisor. */
export async function currentSupervisees(supervisorId: string, on = new Date()) {
	const rows = await db.supervisionAssignment.findMany({
		where: { supervisorId, startsOn: { lte: on }, OR: [{ endsOn: null }, { endsOn: { gte: on } }] },
		select: { superviseeId: true, jurisdictionId: true }
	});
	return rows;
}

export async function logSession(user: SessionUser, input: z.output<typeof sessionSchema>, once?: Once | null) {
	const assigned = await currentSupervisees(user.id);
	const mine = new Set(assigned.map((a) => a.superviseeId));
	if (!input.supervisees.every((s) => mine.has(s))) throw new Forbidden(m.session_not_yours());
	if (input.format === 'INDIVIDUAL' && input.supervisees.length !== 1)
		throw new DomainError(m.session_individual(), 400, { supervisees: m.session_individual() });
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const session = await tx.supervisionSession.create({
			data: {
				supervisorId: user.id,
				jurisdictionId: assigned[0].jurisdictionId,
				date: toDate(input.date),
				minutes: input.minutes,
				format: input.format,
				functions: input.functions,
				privateNotes: input.privateNotes ?? null,
				attendees: { create: input.supervisees.map((superviseeId) => ({ superviseeId })) }
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'supervision.session_logged',
			subjectType: 'supervision_session',
			subjectId: session.id,
			data: { supervisees: input.supervisees.length }
		});
		await askToConfirm(tx, session, user.name, input.supervisees, publicOrigin());
		return session;
	});
}

/** Each supervisee of a session is asked, by a notice and a mail in their language, to confirm or dispute it. */
export async function askToConfirm(
	tx: Db,
	session: { id: string; date: Date; minutes: number },
	supervisorName: string,
	superviseeIds: string[],
	origin: string
) {
	for (const person of await tx.user.findMany({
		where: { id: { in: superviseeIds } },
		select: { id: true, email: true, locale: true }
	})) {
		const locale = asLocale(person.locale);
		await notify(
			tx,
			person,
			{
				kind: 'session-to-confirm',
				subject: noticeSubject.session(session.id),
				title: m.wait_session_title({}, { locale }),
				body: m.wait_session_body(
					{ supervisor: supervisorName, date: formatDay(session.date, locale), minutes: session.minutes },
					{ locale }
				),
				link: `/supervision#session-${session.id}`
			},
			origin
		);
	}
}

/** A disputed session goes back to its supervisor, to amend or withdraw. */
export async function tellDisputed(
	tx: Db,
	session: { id: string; date: Date; supervisorId: string },
	superviseeName: string,
	note: string,
	origin: string
) {
	const supervisor = await tx.user.findUniqueOrThrow({
		where: { id: session.supervisorId },
		select: { id: true, email: true, locale: true }
	});
	const locale = asLocale(supervisor.locale);
	await notify(
		tx,
		supervisor,
		{
			kind: 'session-disputed',
			subject: noticeSubject.sessionDispute(session.id),
			title: m.wait_dispute_title({}, { locale }),
			body: m.wait_dispute_body(
				{ supervisee: superviseeName, date: formatDay(session.date, locale), note },
				{ locale }
			),
			link: `/supervision#amend-${session.id}`
		},
		origin
	);
}

export async function respond(user: SessionUser, sessionId: string, answer: 'confirm' | 'dispute', note?: string) {
	if (answer === 'dispute' && !note)
		throw new DomainError(m.session_dispute_note(), 400, { note: m.session_dispute_note() });
	const { count } = await db.sessionAttendee.updateMany({
		where: { sessionId, superviseeId: user.id, session: { withdrawnAt: null } },
		data: {
			status: answer === 'confirm' ? 'CONFIRMED' : 'DISPUTED',
			disputeNote: answer === 'dispute' ? note! : null,
			respondedAt: new Date()
		}
	});
	if (!count) throw new DomainError(m.not_found(), 404);
	await db.$transaction(async (tx) => {
		await audit(tx, {
			actorId: user.id,
			action: `supervision.session_${answer === 'confirm' ? 'confirmed' : 'disputed'}`,
			subjectType: 'supervision_session',
			subjectId: sessionId,
			reason: note ?? null
		});
		await clearNotices(tx, noticeSubject.session(sessionId), user.id);
		if (answer !== 'dispute') return;
		// a dispute goes back to the supervisor, to amend or withdraw the session
		const session = await tx.supervisionSession.findUniqueOrThrow({
			where: { id: sessionId },
			select: { id: true, date: true, supervisorId: true }
		});
		await tellDisputed(tx, session, user.name, note!, publicOrigin());
	});
}

/**
 * The supervisor amends a session. A change of date, length or functions sends it back to every supervisee for a new
 * answer — confirmed or disputed alike, with a notice — so confirmed minutes count again only once re-confirmed.
 */
export async function amend(
	user: SessionUser,
	sessionId: string,
	input: Pick<z.output<typeof sessionSchema>, 'date' | 'minutes' | 'functions'>,
	origin: string
) {
	const session = await db.supervisionSession.findFirst({
		where: { id: sessionId, supervisorId: user.id, withdrawnAt: null }
	});
	if (!session) throw new DomainError(m.not_found(), 404);
	const date = toDate(input.date);
	const changed =
		date.getTime() !== session.date.getTime() ||
		input.minutes !== session.minutes ||
		[...input.functions].sort().join() !== [...session.functions].sort().join();
	await db.$transaction(async (tx) => {
		await tx.supervisionSession.update({
			where: { id: sessionId },
			data: { date, minutes: input.minutes, functions: input.functions }
		});
		// unchanged values: only a disputed answer is asked again (the supervisor looked at it and stands by it)
		const reopened = await tx.sessionAttendee.updateManyAndReturn({
			where: { sessionId, status: changed ? { in: ['CONFIRMED', 'DISPUTED'] } : 'DISPUTED' },
			data: { status: 'PENDING', respondedAt: null },
			select: { superviseeId: true }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'supervision.session_amended',
			subjectType: 'supervision_session',
			subjectId: sessionId,
			data: {
				before: { date: fromDate(session.date), minutes: session.minutes, functions: session.functions },
				after: { date: input.date, minutes: input.minutes, functions: input.functions },
				reopened: reopened.length
			}
		});
		const people = await tx.user.findMany({
			where: { id: { in: reopened.map((r) => r.superviseeId) } },
			select: { id: true, email: true, locale: true }
		});
		for (const person of people) {
			const locale = asLocale(person.locale);
			await notify(
				tx,
				person,
				{
					kind: 'session-amended',
					subject: noticeSubject.session(sessionId),
					title: m.review_notice_session_amended_title({}, { locale }),
					body: m.review_notice_session_amended_body(
						{ date: formatDay(input.date, locale), minutes: input.minutes, before: session.minutes },

						{ locale }
					),
					link: `/supervision#session-${sessionId}`
				},
				origin
			);
		}
		await clearNotices(tx, noticeSubject.sessionDispute(sessionId));
	});
}

export async function withdraw(user: SessionUser, sessionId: string) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.supervisionSession.updateMany({
			where: { id: sessionId, supervisorId: user.id, withdrawnAt: null },
			data: { withdrawnAt: new Date() }
		});
		if (!count) throw new DomainError(m.not_found(), 404);
		await audit(tx, {
			actorId: user.id,
			action: 'supervision.session_withdrawn',
			subjectType: 'supervision_session',
			subjectId: sessionId
		});
		// nothing is asked about a withdrawn session any more
		await clearNotices(tx, noticeSubject.session(sessionId));
		await clearNotices(tx, noticeSubject.sessionDispute(sessionId));
	});
}

/**
 * Confirmed supervision a worker received, per month: the sessions, their minutes (each session's length counted
 * once, whatever functions it served) and the functions they covered.
 */
export async function receivedSummary(userId: string) {
	return db.$queryRaw<{ month: string; sessions: number; minutes: number; functions: string[] }[]>`
		with x as (
			select to_char(s.date, 'YYYY-MM') as month, s.minutes, s.functions
			from session_attendees a join supervision_sessions s on s.id = a.session_id
			where a.supervisee_id = ${userId}::uuid and a.status = 'CONFIRMED' and s.withdrawn_at is null)
		select month, count(*)::int as sessions, sum(minutes)::int as minutes,
			(select array_agg(distinct f order by f) from x x2, unnest(x2.functions) f where x2.month = x.month) as functions
		from x group by month order by month desc`;
}

/** A supervisor's page: current supervisees with their last confirmed session, and recent sessions. */
export async function supervisorOverview(userId: string) {
	const assigned = await currentSupervisees(userId);
	const ids = assigned.map((a) => a.superviseeId);
	const [people, last, sessions] = await Promise.all([
		db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true }, orderBy: { name: 'asc' } }),
		db.$queryRaw<{ supervisee_id: string; last: Date }[]>`
			select a.supervisee_id, max(s.date) as last from session_attendees a join supervision_sessions s on s.id = a.session_id
			where s.supervisor_id = ${userId}::uuid and a.status = 'CONFIRMED' and s.withdrawn_at is null group by a.supervisee_id`,
		db.supervisionSession.findMany({
			where: { supervisorId: userId, withdrawnAt: null },
			orderBy: { date: 'desc' },
			take: 50,
			include: { attendees: true }
		})
	]);
	const lastOf = new Map(last.map((l) => [l.supervisee_id, l.last]));
	const name = new Map(people.map((p) => [p.id, p.name]));
	return {
		supervisees: people.map((p) => ({ ...p, last: lastOf.get(p.id) ?? null })),
		sessions: sessions.map((s) => ({
			...s,
			attendees: s.attendees.map((a) => ({ ...a, name: name.get(a.superviseeId) ?? '' }))
		}))
	};
}

/** A supervisee's page: sessions waiting for an answer, and what they received. */
export async function superviseeOverview(userId: string) {
	const [pending, summary] = await Promise.all([
		db.sessionAttendee.findMany({
			where: { superviseeId: userId, status: 'PENDING', session: { withdrawnAt: null } },
			select: { sessionId: true, session: { select: { date: true, minutes: true, format: true, functions: true } } }
		}),
		receivedSummary(userId)
	]);
	return { pending, summary };
}
