// Training events (in person or live online) of a programme: participants and a register kept per day by the
// provider. A participant who missed a day has not completed the event unless the provider records a make-up.
import { z } from 'zod';
import { db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { choice, optionalText, text } from '../forms/fields';
import { administersProvider, dayString } from './programmes';
import { eventDays } from './eligibility';
import { daysInclusive, fromDate, isDay, toDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

export const MAX_EVENT_DAYS = 31;
export const REGISTER_PAGE = 50;

export const eventSchema = z
	.object({
		title: text(200),
		mode: choice(['IN_PERSON', 'LIVE_ONLINE'] as const),
		venue: optionalText(300),
		startsOn: dayString(),
		endsOn: dayString(),
		facilitators: z
			.string()
			.max(2000, { error: () => m.field_too_long({ max: 2000 }) })
			.optional()
			.transform((v) =>
				(v ?? '')
					.split('\n')
					.map((s) => s.trim())
					.filter(Boolean)
					.slice(0, 30)
			)
	})
	.superRefine((v, ctx) => {
		// zod runs this even when a field failed: then a date is still the string typed, not a Date (found by fuzzing)
		if (!(v.startsOn instanceof Date) || !(v.endsOn instanceof Date)) return;
		if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.event_end_before_start() });
		// counted, not listed: an event "until 9999-12-31" must not build millions of days to find it is too long
		else if (daysInclusive(fromDate(v.startsOn), fromDate(v.endsOn)) > MAX_EVENT_DAYS)
			ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.event_too_long({ max: MAX_EVENT_DAYS }) });
		if (v.mode === 'IN_PERSON' && !v.venue)
			ctx.addIssue({ code: 'custom', path: ['venue'], message: m.event_venue_required() });
	});

export async function createEvent(
	user: SessionUser,
	programmeId: string,
	input: z.output<typeof eventSchema>,
	once?: Once | null
) {
	const p = await db.programme.findUnique({ where: { id: programmeId } });
	if (!p || !administersProvider(user, p.providerId)) throw new DomainError(m.not_found(), 404);
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const ev = await tx.trainingEvent.create({
			data: {
				...input,
				venue: input.venue ?? null,
				programmeId,
				jurisdictionId: p.jurisdictionId,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'event.created',
			subjectType: 'training_event',
			subjectId: ev.id,
			organisationId: p.providerId,
			jurisdictionId: p.jurisdictionId
		});
		return ev;
	});
}

/** An event the person may manage (as its programme's provider), or 404. */
export async function managedEvent(user: SessionUser, eventId: string) {
	const ev = z.string().uuid().safeParse(eventId).success
		? await db.trainingEvent.findUnique({
				where: { id: eventId },
				include: { programme: { include: { provider: { select: { id: true, name: true } } } } }
			})
		: null;
	if (!ev || !administersProvider(user, ev.programme.providerId)) throw new DomainError(m.not_found(), 404);
	return ev;
}

export const participantsSchema = z.object({
	emails: z
		.string({ error: () => m.field_required() })
		.trim()
		.min(1, { error: () => m.field_required() })
		.max(100_000, { error: () => m.field_too_long({ max: 100_000 }) })
});

/** Adds participants by email (one per line or separated by commas); an unknown address changes nothing. */
export async function addParticipants(user: SessionUser, eventId: string, emailsText: string) {
	const ev = await managedEvent(user, eventId);
	const emails = [
		...new Set(
			emailsText
				.split(/[\s,;]+/)
				.map((e) => e.trim().toLowerCase())
				.filter(Boolean)
		)
	];
	if (emails.length > 5000) throw new FieldError('emails', m.event_too_many({ max: 5000 }));
	const users = await db.user.findMany({
		where: { email: { in: emails }, disabledAt: null },
		select: { id: true, email: true }
	});
	const found = new Set(users.map((u) => u.email));
	const unknown = emails.filter((e) => !found.has(e));
	if (unknown.length)
		throw new FieldError(
			'emails',
			m.event_unknown_emails({ list: unknown.slice(0, 10).join(', '), count: unknown.length })
		);
	await db.$transaction(async (tx) => {
		await tx.eventParticipant.createMany({ data: users.map((u) => ({ eventId, userId: u.id })), skipDuplicates: true });
		await audit(tx, {
			actorId: user.id,
			action: 'event.participants_added',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { count: users.length }
		});
	});
	return users.length;
}

export type Mark = 'present' | 'absent' | 'makeup' | '';

/** One page of the register: participants with their mark for each day. */
export async function register(eventId: string, page: number) {
	const ev = await db.trainingEvent.findUniqueOrThrow({ where: { id: eventId } });
	const days = eventDays(ev.startsOn, ev.endsOn);
	const total = await db.eventParticipant.count({ where: { eventId } });
	const pages = Math.max(1, Math.ceil(total / REGISTER_PAGE));
	const current = Math.min(Math.max(1, page), pages);
	const participants = await db.$queryRaw<{ user_id: string; name: string; email: string }[]>`
		select p.user_id, u.name, u.email from event_participants p join users u on u.id = p.user_id
		where p.event_id = ${eventId}::uuid order by u.name, u.email limit ${REGISTER_PAGE} offset ${(current - 1) * REGISTER_PAGE}`;
	const marks = await db.attendanceMark.findMany({
		where: { eventId, userId: { in: participants.map((p) => p.user_id) } }
	});
	const byKey = new Map(marks.map((mk) => [`${mk.userId}|${fromDate(mk.day)}`, mk]));
	return {
		days,
		total,
		page: current,
		pages,
		rows: participants.map((p) => ({
			userId: p.user_id,
			name: p.name,
			email: p.email,
			marks: days.map((d) => {
				const mk = byKey.get(`${p.user_id}|${d}`);
				return (mk ? (mk.present ? 'present' : mk.makeUp ? 'makeup' : 'absent') : '') as Mark;
			})
		}))
	};
}

/**
 * Saves the register as posted: fields `mark.<userId>.<yyyy-mm-dd>` with present / absent / makeup (empty = not
 * recorded). Every cell is checked first; one bad cell changes nothing.
 */
export async function saveRegister(user: SessionUser, eventId: string, form: FormData) {
	const ev = await managedEvent(user, eventId);
	const days = new Set(eventDays(ev.startsOn, ev.endsOn));
	const cells: { userId: string; day: CalendarDay; mark: Mark }[] = [];
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('mark.')) continue;
		const [, userId, day] = key.split('.');
		const mark = String(value) as Mark;
		if (
			!z.string().uuid().safeParse(userId).success ||
			!isDay(day) ||
			!days.has(day) ||
			!['present', 'absent', 'makeup', ''].includes(mark)
		) {
			throw new DomainError(m.event_register_invalid(), 400);
		}
		cells.push({ userId, day, mark });
	}
	if (!cells.length || cells.length > REGISTER_PAGE * MAX_EVENT_DAYS)
		throw new DomainError(m.event_register_invalid(), 400);
	const ids = [...new Set(cells.map((c) => c.userId))];
	const enrolled = await db.eventParticipant.count({ where: { eventId, userId: { in: ids } } });
	if (enrolled !== ids.length) throw new DomainError(m.event_register_invalid(), 400);
	await db.$transaction(async (tx) => {
		for (const c of cells) {
			const day = toDate(c.day);
			const key = { eventId_userId_day: { eventId, userId: c.userId, day } };
			if (!c.mark) {
				await tx.attendanceMark.deleteMany({
					where: { eventId, userId: c.userId, day }
				});
				continue;
			}
			const data = {
				present: c.mark === 'present',
				makeUp: c.mark === 'makeup',
				recordedById: user.id,
				recordedAt: new Date()
			};
			await tx.attendanceMark.upsert({
				where: key,
				create: { eventId, userId: c.userId, day, ...data },
				update: data
			});
		}
		await audit(tx, {
			actorId: user.id,
			action: 'event.attendance_recorded',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { cells: cells.length }
		});
	});
	return cells.length;
}

export const dayMarkSchema = z.object({ day: dayString() });

/** Marks every participant present on one day (the usual case for a full room), keeping make-ups already recorded. */
export async function markAllPresent(user: SessionUser, eventId: string, day: Date) {
	const ev = await managedEvent(user, eventId);
	if (!eventDays(ev.startsOn, ev.endsOn).includes(fromDate(day))) throw new FieldError('day', m.event_day_outside());
	await db.$transaction(async (tx) => {
		await tx.$executeRaw`
			insert into attendance_marks (event_id, user_id, day, present, make_up, recorded_by_id, recorded_at)
			select event_id, user_id, ${day}::date, true, false, ${user.id}::uuid, now() from event_participants where event_id = ${eventId}::uuid
			on conflict (event_id, user_id, day) do update set present = true, make_up = false, recorded_by_id = excluded.recorded_by_id, recorded_at = now()`;
		await audit(tx, {
			actorId: user.id,
			action: 'event.attendance_all_present',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { day: fromDate(day) }
		});
	});
}
