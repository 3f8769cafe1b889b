// Work that waits on someone but has no open notice about it — records that came in without going through the
// action that asks (the demo data, an import of history): each gets the notice that action would have sent. Run by
// the sweeper; idempotent (notify keeps one open notice per person and subject), so running it twice asks once.
import { Prisma } from '../generated/prisma/client';
import { db } from '../db';
import { askToConfirm, tellDisputed } from '../supervision/sessions';
import { askToDecide } from '../practicum/hours';
import { askToSign } from '../practicum/placements';

/**
 * Ask for each waiting action without an open notice; at most `limit` of each kind per run, in one jurisdiction when
 * given. Returns how many were asked.
 */
export async function noticeWaitingWork(origin: string, limit = 200, jurisdictionId?: string): Promise<number> {
	const inS = jurisdictionId ? Prisma.sql`and s.jurisdiction_id = ${jurisdictionId}::uuid` : Prisma.empty;
	const inP = jurisdictionId ? Prisma.sql`and p.jurisdiction_id = ${jurisdictionId}::uuid` : Prisma.empty;
	let asked = 0;

	// sessions a supervisee has not answered
	const sessions = await db.$queryRaw<
		{ id: string; date: Date; minutes: number; supervisee_id: string; supervisor: string }[]
	>`select s.id, s.date, s.minutes, a.supervisee_id, u.name as supervisor
		from session_attendees a join supervision_sessions s on s.id = a.session_id join users u on u.id = s.supervisor_id
		where a.status = 'PENDING' and s.withdrawn_at is null ${inS}
			and not exists (select 1 from notifications n where n.user_id = a.supervisee_id
				and n.subject = 'session:' || s.id::text and n.done_at is null)
		limit ${limit}`;
	for (const s of sessions) await db.$transaction((tx) => askToConfirm(tx, s, s.supervisor, [s.supervisee_id], origin));
	asked += sessions.length;

	// disputed sessions the supervisor has neither amended nor withdrawn
	const disputes = await db.$queryRaw<
		{ id: string; date: Date; supervisor_id: string; supervisee: string; note: string | null }[]
	>`select distinct on (s.id) s.id, s.date, s.supervisor_id, u.name as supervisee, a.dispute_note as note
		from session_attendees a join supervision_sessions s on s.id = a.session_id join users u on u.id = a.supervisee_id
		where a.status = 'DISPUTED' and s.withdrawn_at is null ${inS}
			and not exists (select 1 from notifications n where n.user_id = s.supervisor_id
				and n.subject = 'session-dispute:' || s.id::text and n.done_at is null)
		order by s.id, a.responded_at desc nulls last
		limit ${limit}`;
	for (const d of disputes)
		await db.$transaction((tx) =>
			tellDisputed(tx, { id: d.id, date: d.date, supervisorId: d.supervisor_id }, d.supervisee, d.note ?? '', origin)
		);
	asked += disputes.length;

	// hours waiting for the field supervisor (one notice per placement, about its latest entry)
	const hours = await db.$queryRaw<
		{ placement_id: string; supervisor_id: string; student: string; date: Date; hours: number }[]
	>`select distinct on (p.id) p.id as placement_id, p.supervisor_id, u.name as student, h.date, h.hours::float8 as hours
		from practicum_logs h join placements p on p.id = h.placement_id join users u on u.id = p.student_id
		where h.status = 'PENDING' ${inP}
			and not exists (select 1 from notifications n where n.user_id = p.supervisor_id
				and n.subject = 'hours:' || p.id::text and n.done_at is null)
		order by p.id, h.created_at desc
		limit ${limit}`;
	for (const h of hours)
		await db.$transaction((tx) => askToDecide(tx, h.placement_id, h.supervisor_id, h.student, h, origin));
	asked += hours.length;

	// learning agreements the student or the field supervisor has not signed
	const unsigned = await db.$queryRaw<
		{ id: string; starts_on: Date; ends_on: Date; student: string; signatory: string }[]
	>`select p.id, p.starts_on, p.ends_on, u.name as student, x.signatory
		from placements p join users u on u.id = p.student_id
		cross join lateral (values (case when p.student_signed_at is null then p.student_id end),
			(case when p.supervisor_signed_at is null then p.supervisor_id end)) as x(signatory)
		where p.status in ('PLANNED', 'ACTIVE') and x.signatory is not null ${inP}
			and not exists (select 1 from notifications n where n.user_id = x.signatory
				and n.subject = 'agreement-sign:' || p.id::text and n.done_at is null)
		limit ${limit}`;
	for (const p of unsigned)
		await db.$transaction((tx) =>
			askToSign(tx, { id: p.id, startsOn: p.starts_on, endsOn: p.ends_on }, p.student, [p.signatory], origin)
		);
	return asked + unsigned.length;
}
