// Training events (in person or live online) of a programme: their session days, their participants (worker records:
// a person without an account takes part too) and a register kept per session day by the provider. A participant who
// missed a session day has not completed the event unless the provider records a make-up.
import { z } from 'zod';
import { db, type Db } from '../db';
import { claimOnce, type Once } from '../idempotency';
import { audit } from '../audit/audit';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { calendarDay, choice, flag, optionalText, text } from '../forms/fields';
import { fileOf } from '../forms/upload';
import { linkOrCreateWorker } from '../people/workers';
import { PARTICIPANT_LOOKUPS, minutesUntil, spend } from '../auth/rate-limit';
import { matching } from '../workforce/register';
import { namePatterns } from '../workforce/register-filters';
import { administersProvider } from './programmes';
import { sessionDaysOf, weekdaysBetween } from './session-days';
import { daysInclusive, fromDate, isDay, toDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';
import { formatDay } from '$lib/dates';

export const MAX_EVENT_DAYS = 31;
export const REGISTER_PAGE = 50;
/** Entries of one "add participants" list or file. */
export const MAX_PARTICIPANT_ENTRIES = 5000;
export const MAX_PARTICIPANT_FILE = 512 * 1024;

export const eventSchema = z
	.object({
		title: text(200),
		mode: choice(['IN_PERSON', 'LIVE_ONLINE'] as const),
		venue: optionalText(300),
		startsOn: calendarDay(),
		endsOn: calendarDay(),
		/** sessions on Monday to Friday only: the weekend in between is not a session day */
		weekdaysOnly: flag(),
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
		// zod runs this even when a field failed: then a date is missing (found by fuzzing)
		if (!isDay(v.startsOn ?? '') || !isDay(v.endsOn ?? '')) return;
		if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.event_end_before_start() });
		// counted, not listed: an event "until 2999-12-31" must not build a million days to find it is too long
		else if (daysInclusive(v.startsOn, v.endsOn) > MAX_EVENT_DAYS)
			ctx.addIssue({ code: 'custom', path: ['endsOn'], message: m.event_too_long({ max: MAX_EVENT_DAYS }) });
		else if (v.weekdaysOnly && !weekdaysBetween(v.startsOn, v.endsOn).length)
			ctx.addIssue({ code: 'custom', path: ['weekdaysOnly'], message: m.event_no_weekday() });
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
	const { weekdaysOnly, startsOn, endsOn, ...rest } = input;
	const days = sessionDaysOf(startsOn, endsOn, weekdaysOnly);
	return db.$transaction(async (tx) => {
		await claimOnce(tx, once);
		const ev = await tx.trainingEvent.create({
			data: {
				...rest,
				venue: rest.venue ?? null,
				startsOn: toDate(days[0]),
				endsOn: toDate(days[days.length - 1]),
				sessionDays: days.map(toDate),
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
			jurisdictionId: p.jurisdictionId,
			data: { sessionDays: days }
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

/** The session days of an event, in order. */
export const sessionDays = (ev: { sessionDays: Date[] }) => ev.sessionDays.map(fromDate).sort();

// --- session days -------------------------------------------------------------------------------------------------

export const SESSION_DAY_LISTS = ['day'] as const;
export const sessionDaysSchema = z.object({
	day: z.array(z.string()).max(MAX_EVENT_DAYS + 1, { error: () => m.event_register_invalid() })
});

/**
 * Sets which days of the event's period are session days (`chosen`, ticked among the days from its first to its last
 * session day). At least one; a day that already has attendance recorded cannot stop being a session day.
 */
export async function saveSessionDays(user: SessionUser, eventId: string, chosen: string[]) {
	const ev = await managedEvent(user, eventId);
	const period = new Set(sessionDaysOf(fromDate(ev.startsOn), fromDate(ev.endsOn), false));
	const days = [...new Set(chosen)].sort();
	if (days.some((d) => !period.has(d as CalendarDay))) throw new DomainError(m.event_register_invalid(), 400);
	if (!days.length) throw new FieldError('day', m.event_days_none());
	const dropped = sessionDays(ev).filter((d) => !days.includes(d));
	const marked = dropped.length
		? await db.attendanceMark.findMany({
				where: { eventId, day: { in: dropped.map(toDate) } },
				distinct: ['day'],
				select: { day: true },
				orderBy: { day: 'asc' }
			})
		: [];
	if (marked.length)
		throw new FieldError('day', m.event_days_marked({ days: marked.map((x) => formatDay(x.day)).join(', ') }));
	await db.$transaction(async (tx) => {
		await tx.trainingEvent.update({
			where: { id: eventId },
			data: {
				sessionDays: days.map((d) => toDate(d as CalendarDay)),
				startsOn: toDate(days[0] as CalendarDay),
				endsOn: toDate(days[days.length - 1] as CalendarDay)
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'event.days_changed',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { before: sessionDays(ev), after: days }
		});
	});
	return days.length;
}

// --- participants -------------------------------------------------------------------------------------------------

export const PARTICIPANT_LISTS = ['workerId'] as const;
export const participantsSchema = z.object({
	/** workers ticked in the register search */
	workerId: z.array(z.string()).max(100, { error: () => m.event_register_invalid() }),
	entries: z
		.string()
		.max(100_000, { error: () => m.field_too_long({ max: 100_000 }) })
		.optional()
		.transform((v) => v ?? '')
});

export type RefusedEntry = { entry: string; reason: string };
export interface ParticipantsAdded {
	added: number;
	already: number;
	refused: RefusedEntry[];
}

/** The entries of a list typed or uploaded: one per line (or separated by commas, semicolons, tabs); the first line of
 *  a file may be its header. A CSV line's first cell is the entry. */
export function participantEntries(text: string, fromFile: boolean): string[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const entries = fromFile
		? lines.map((l) =>
				l
					.split(/[,;\t]/)[0]
					.replace(/^"|"$/g, '')
					.trim()
			)
		: lines.flatMap((l) => l.split(/[\s,;]+/));
	const cleaned = entries.map((e) => e.trim()).filter(Boolean);
	if (fromFile && /^(national_worker_id|licence_number|email|id|identifier)$/i.test(cleaned[0] ?? '')) cleaned.shift();
	return [...new Set(cleaned)];
}

type Resolved = { entry: string; workerId: string } | { entry: string; refused: string };

/** Each entry found in the event's jurisdiction: an email address (an account, or a worker record with that address),
 *  a national worker ID or a licence number. Accounts without a worker record get one, as issuance would make it. */
async function resolveEntries(tx: Db, jurisdictionId: string, entries: string[]): Promise<Resolved[]> {
	const emails = entries.filter((e) => e.includes('@')).map((e) => e.toLowerCase());
	const ids = entries.filter((e) => !e.includes('@'));
	const [users, recordsByEmail, byId] = await Promise.all([
		tx.user.findMany({
			// only an account that proved the address (issue 15, item 6): else the record with it, or refused
			where: { email: { in: emails }, disabledAt: null, emailVerifiedAt: { not: null } },
			select: { id: true, email: true, name: true, worker: { select: { id: true } } }
		}),
		tx.workerProfile.findMany({
			where: { jurisdictionId, email: { in: emails, mode: 'insensitive' }, userId: null },
			select: { id: true, email: true }
		}),
		tx.workerIdentifier.findMany({
			where: { jurisdictionId, value: { in: ids } },
			select: { value: true, workerProfileId: true }
		})
	]);
	const out: Resolved[] = [];
	for (const entry of entries) {
		if (entry.includes('@')) {
			const address = entry.toLowerCase();
			const u = users.find((x) => x.email === address);
			if (u) {
				if (!u.worker) await linkOrCreateWorker(tx, u, jurisdictionId, null);
				const w = await tx.workerProfile.findUniqueOrThrow({ where: { userId: u.id }, select: { id: true } });
				out.push({ entry, workerId: w.id });
				continue;
			}
			const records = recordsByEmail.filter((r) => r.email?.toLowerCase() === address);
			if (records.length === 1) out.push({ entry, workerId: records[0].id });
			else out.push({ entry, refused: records.length ? m.event_entry_ambiguous() : m.event_entry_unknown_email() });
			continue;
		}
		const workers = [...new Set(byId.filter((x) => x.value === entry).map((x) => x.workerProfileId))];
		if (workers.length === 1) out.push({ entry, workerId: workers[0] });
		else out.push({ entry, refused: workers.length ? m.event_entry_ambiguous() : m.event_entry_unknown_id() });
	}
	return out;
}

/**
 * Adds participants: worker records chosen from the register (`workerIds`), and entries typed or uploaded (email
 * addresses, national worker IDs, licence numbers). Each entry is accepted or refused on its own: an unknown one is
 * reported and the others are added. Since the report says which addresses have no record, the entries a person may
 * look up are limited per hour (PARTICIPANT_LOOKUPS, all or nothing per list); a refused list is audited.
 */
export async function addParticipants(
	user: SessionUser,
	eventId: string,
	input: { text?: string; file?: File | null; workerIds?: string[] },
	now = new Date()
): Promise<ParticipantsAdded> {
	const ev = await managedEvent(user, eventId);
	const typed = participantEntries(input.text ?? '', false);
	if (input.file && input.file.size > MAX_PARTICIPANT_FILE)
		throw new FieldError('file', m.ind_file_big({ mb: MAX_PARTICIPANT_FILE / 1024 / 1024 }));
	const uploaded = input.file ? participantEntries(await fileText(input.file), true) : [];
	const entries = [...new Set([...typed, ...uploaded])];
	const chosen = [...new Set(input.workerIds ?? [])];
	if (!entries.length && !chosen.length) throw new FieldError('entries', m.event_entries_required());
	if (entries.length + chosen.length > MAX_PARTICIPANT_ENTRIES)
		throw new FieldError('entries', m.event_too_many({ max: MAX_PARTICIPANT_ENTRIES }));
	if (chosen.some((id) => !z.string().uuid().safeParse(id).success))
		throw new DomainError(m.event_register_invalid(), 400);
	const scope = { organisationId: ev.programme.providerId, jurisdictionId: ev.jurisdictionId };
	const until = entries.length
		? await spend(`participants:user:${user.id}`, entries.length, PARTICIPANT_LOOKUPS, now)
		: null;
	if (until) {
		await audit(db, {
			actorId: user.id,
			action: 'event.participants_throttled',
			subjectType: 'training_event',
			subjectId: eventId,
			...scope,
			data: { entries: entries.length }
		});
		const message = m.auth_participants_throttled({
			limit: PARTICIPANT_LOOKUPS.limit,
			minutes: minutesUntil(until, now)
		});
		throw new DomainError(message, 429, { entries: message });
	}
	return db.$transaction(async (tx) => {
		// a worker chosen from the register must be of the event's jurisdiction (a forged id adds nobody)
		const known = await tx.workerProfile.findMany({
			where: { id: { in: chosen }, jurisdictionId: ev.jurisdictionId },
			select: { id: true }
		});
		if (known.length !== chosen.length) throw new DomainError(m.event_register_invalid(), 400);
		const resolved = await resolveEntries(tx, ev.jurisdictionId, entries);
		const workerIds = [...new Set([...chosen, ...resolved.flatMap((r) => ('workerId' in r ? [r.workerId] : []))])];
		const { count } = await tx.eventParticipant.createMany({
			data: workerIds.map((workerId) => ({ eventId, workerId })),
			skipDuplicates: true
		});
		const refused = resolved.flatMap((r) => ('refused' in r ? [{ entry: r.entry, reason: r.refused }] : []));
		await audit(tx, {
			actorId: user.id,
			action: 'event.participants_added',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { added: count, refused: refused.length }
		});
		return { added: count, already: workerIds.length - count, refused };
	});
}

async function fileText(file: File) {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
	} catch {
		throw new FieldError('file', m.ind_file_not_text());
	}
}

/** The file of identifiers posted with the "add participants" form, when one was chosen. */
export const participantsFile = (form: FormData) => fileOf(form, 'file');

/** Removes a participant who has no attendance recorded (added by mistake). */
export async function removeParticipant(user: SessionUser, eventId: string, workerId: string) {
	const ev = await managedEvent(user, eventId);
	const marks = await db.attendanceMark.count({ where: { eventId, workerId } });
	if (marks) throw new DomainError(m.event_remove_marked(), 409);
	await db.$transaction(async (tx) => {
		const { count } = await tx.eventParticipant.deleteMany({ where: { eventId, workerId } });
		if (!count) throw new DomainError(m.not_found(), 404);
		await audit(tx, {
			actorId: user.id,
			action: 'event.participant_removed',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { workerId }
		});
	});
}

export interface RegisterCandidate {
	id: string;
	name: string;
	organisation: string | null;
	nationalId: string | null;
}

/** Workers of the event's jurisdiction matching a name or an identifier, not yet taking part (up to 20). */
export async function registerCandidates(eventId: string, jurisdictionId: string, q: string) {
	const query = q.trim().slice(0, 200);
	if (query.length < 2) return [];
	const filters = {
		q: query,
		patterns: namePatterns(query),
		areaId: null,
		cadre: null,
		sector: null,
		organisationId: null
	};
	return db.$queryRaw<RegisterCandidate[]>`
		select w.id, concat_ws(' ', w.given_name, w.family_name) as name, o.name as organisation,
			(select min(wi.value) from worker_identifiers wi where wi.worker_profile_id = w.id and wi.kind = 'NATIONAL_WORKER_ID')
				as "nationalId"
		from worker_profiles w left join organisations o on o.id = w.organisation_id
		where ${matching(jurisdictionId, filters)}
			and not exists (select 1 from event_participants p where p.event_id = ${eventId}::uuid and p.worker_id = w.id)
		order by w.family_name, w.given_name, w.id limit 20`;
}

// --- the register -------------------------------------------------------------------------------------------------

export type Mark = 'present' | 'absent' | 'makeup' | '';

/** One page of the register: participants with their mark for each session day. */
export async function register(eventId: string, page: number) {
	const ev = await db.trainingEvent.findUniqueOrThrow({ where: { id: eventId } });
	const days = sessionDays(ev);
	const total = await db.eventParticipant.count({ where: { eventId } });
	const pages = Math.max(1, Math.ceil(total / REGISTER_PAGE));
	const current = Math.min(Math.max(1, page), pages);
	const participants = await db.$queryRaw<
		{ worker_id: string; name: string; contact: string | null; account: boolean }[]
	>`
		select p.worker_id, concat_ws(' ', w.given_name, w.family_name) as name,
			coalesce(u.email, w.email, (select min(wi.value) from worker_identifiers wi
				where wi.worker_profile_id = w.id and wi.kind = 'NATIONAL_WORKER_ID')) as contact,
			u.id is not null as account
		from event_participants p join worker_profiles w on w.id = p.worker_id left join users u on u.id = w.user_id
		where p.event_id = ${eventId}::uuid order by w.family_name, w.given_name, p.worker_id
		limit ${REGISTER_PAGE} offset ${(current - 1) * REGISTER_PAGE}`;
	const marks = await db.attendanceMark.findMany({
		where: { eventId, workerId: { in: participants.map((p) => p.worker_id) } }
	});
	const byKey = new Map(marks.map((mk) => [`${mk.workerId}|${fromDate(mk.day)}`, mk]));
	return {
		days,
		total,
		page: current,
		pages,
		rows: participants.map((p) => ({
			workerId: p.worker_id,
			name: p.name,
			contact: p.contact,
			account: p.account,
			marked: days.some((d) => byKey.has(`${p.worker_id}|${d}`)),
			marks: days.map((d) => {
				const mk = byKey.get(`${p.worker_id}|${d}`);
				return (mk ? (mk.present ? 'present' : mk.makeUp ? 'makeup' : 'absent') : '') as Mark;
			})
		}))
	};
}

/**
 * Saves the register as posted: fields `mark.<workerId>.<yyyy-mm-dd>` with present / absent / makeup (empty = not
 * recorded). Every cell is checked first; one bad cell changes nothing.
 */
export async function saveRegister(user: SessionUser, eventId: string, form: FormData) {
	const ev = await managedEvent(user, eventId);
	const days = new Set(sessionDays(ev));
	const cells: { workerId: string; day: CalendarDay; mark: Mark }[] = [];
	const seen = new Set<string>();
	for (const [key, value] of form.entries()) {
		if (!key.startsWith('mark.')) continue;
		const [, workerId, day] = key.split('.');
		const mark = String(value) as Mark;
		// a cell posted twice says two things at once (the register form never does): refused, like any bad cell
		const twice = seen.has(key);
		seen.add(key);
		if (
			twice ||
			!z.string().uuid().safeParse(workerId).success ||
			!isDay(day) ||
			!days.has(day) ||
			!['present', 'absent', 'makeup', ''].includes(mark)
		) {
			throw new DomainError(m.event_register_invalid(), 400);
		}
		cells.push({ workerId, day, mark });
	}
	if (!cells.length || cells.length > REGISTER_PAGE * MAX_EVENT_DAYS)
		throw new DomainError(m.event_register_invalid(), 400);
	const ids = [...new Set(cells.map((c) => c.workerId))];
	const enrolled = await db.eventParticipant.count({ where: { eventId, workerId: { in: ids } } });
	if (enrolled !== ids.length) throw new DomainError(m.event_register_invalid(), 400);
	await db.$transaction(async (tx) => {
		const cleared = cells.filter((c) => !c.mark);
		const set = cells.filter((c) => c.mark);
		if (cleared.length)
			await tx.$executeRaw`
				delete from attendance_marks a using unnest(${cleared.map((c) => c.workerId)}::uuid[], ${cleared.map((c) => c.day)}::date[]) as x(worker, day)
				where a.event_id = ${eventId}::uuid and a.worker_id = x.worker and a.day = x.day`;
		if (set.length)
			await tx.$executeRaw`
				insert into attendance_marks (event_id, worker_id, day, present, make_up, recorded_by_id, recorded_at)
				select ${eventId}::uuid, x.worker, x.day, x.mark = 'present', x.mark = 'makeup', ${user.id}::uuid, now()
				from unnest(${set.map((c) => c.workerId)}::uuid[], ${set.map((c) => c.day)}::date[], ${set.map((c) => c.mark)}::text[]) as x(worker, day, mark)
				on conflict (event_id, worker_id, day) do update set present = excluded.present, make_up = excluded.make_up,
					recorded_by_id = excluded.recorded_by_id, recorded_at = now()
				where attendance_marks.present is distinct from excluded.present or attendance_marks.make_up is distinct from excluded.make_up`;
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

export const dayMarkSchema = z.object({ day: calendarDay() });

/** Marks every participant present on one session day (the usual case for a full room), replacing what was there. */
export async function markAllPresent(user: SessionUser, eventId: string, day: CalendarDay) {
	const ev = await managedEvent(user, eventId);
	if (!sessionDays(ev).includes(day)) throw new FieldError('day', m.event_day_outside());
	await db.$transaction(async (tx) => {
		await tx.$executeRaw`
			insert into attendance_marks (event_id, worker_id, day, present, make_up, recorded_by_id, recorded_at)
			select event_id, worker_id, ${day}::date, true, false, ${user.id}::uuid, now() from event_participants where event_id = ${eventId}::uuid
			on conflict (event_id, worker_id, day) do update set present = true, make_up = false, recorded_by_id = excluded.recorded_by_id, recorded_at = now()`;
		await audit(tx, {
			actorId: user.id,
			action: 'event.attendance_all_present',
			subjectType: 'training_event',
			subjectId: eventId,
			organisationId: ev.programme.providerId,
			jurisdictionId: ev.jurisdictionId,
			data: { day }
		});
	});
}
