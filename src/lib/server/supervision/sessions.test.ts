import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { amend, logSession, receivedSummary, respond } from './sessions';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

async function team(n: number) {
	const j = await makeJurisdiction();
	const org = await makeOrg(j.id, 'NGO');
	const supervisor = await sessionUserOf((await makeUser([{ role: 'SUPERVISOR', organisationId: org.id }])).id);
	const supervisees = await Promise.all(
		Array.from({ length: n }, async () =>
			sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }])).id)
		)
	);
	for (const s of supervisees) {
		await db.supervisionAssignment.create({
			data: {
				supervisorId: supervisor.id,
				superviseeId: s.id,
				organisationId: org.id,
				jurisdictionId: j.id,
				startsOn: new Date('2026-01-01'),
				createdById: supervisor.id
			}
		});
	}
	return { supervisor, supervisees };
}

const ORIGIN = 'http://credo.test';
const confirmed = (sessionId: string) => db.sessionAttendee.count({ where: { sessionId, status: 'CONFIRMED' } });

describe('supervision sessions', () => {
	it('a group session: two confirm, one disputes → two count; the supervisor amends and the third confirms', async () => {
		const t = await team(3);
		const s = await logSession(t.supervisor, {
			date: '2026-11-10',
			minutes: 90,
			format: 'GROUP',
			functions: ['educational', 'supportive'],
			supervisees: t.supervisees.map((x) => x.id),
			privateNotes: 'Team is tired'
		});
		await respond(t.supervisees[0], s.id, 'confirm');
		await respond(t.supervisees[1], s.id, 'confirm');
		await expect(respond(t.supervisees[2], s.id, 'dispute')).rejects.toMatchObject({
			fields: { note: expect.any(String) }
		});
		await respond(t.supervisees[2], s.id, 'dispute', 'It lasted 60 minutes');
		expect(await confirmed(s.id)).toBe(2);
		expect((await receivedSummary(t.supervisees[2].id)).length).toBe(0);
		await amend(
			t.supervisor,
			s.id,
			{ date: '2026-11-10', minutes: 60, functions: ['educational', 'supportive'] },
			ORIGIN
		);
		expect(
			(
				await db.sessionAttendee.findUniqueOrThrow({
					where: { sessionId_superviseeId: { sessionId: s.id, superviseeId: t.supervisees[2].id } }
				})
			).status
		).toBe('PENDING');
		// the amendment changed the length: the two who had confirmed are asked again too
		expect(await confirmed(s.id)).toBe(0);
		for (const x of t.supervisees) await respond(x, s.id, 'confirm');
		expect(await confirmed(s.id)).toBe(3);
		// one 60-minute session serving two functions is 60 minutes, not 60 + 60
		expect(await receivedSummary(t.supervisees[2].id)).toEqual([
			{ month: '2026-11', sessions: 1, minutes: 60, functions: ['educational', 'supportive'] }
		]);
	});

	it("a supervisor cannot log a session with someone not assigned to them, nor amend another supervisor's session", async () => {
		const a = await team(1);
		const b = await team(1);
		await expect(
			logSession(a.supervisor, {
				date: '2026-11-10',
				minutes: 60,
				format: 'INDIVIDUAL',
				functions: ['administrative'],
				supervisees: [b.supervisees[0].id],
				privateNotes: undefined
			})
		).rejects.toBeInstanceOf(Forbidden);
		const s = await logSession(b.supervisor, {
			date: '2026-11-10',
			minutes: 60,
			format: 'INDIVIDUAL',
			functions: ['administrative'],
			supervisees: [b.supervisees[0].id],
			privateNotes: undefined
		});
		await expect(
			amend(a.supervisor, s.id, { date: '2026-11-10', minutes: 10, functions: ['administrative'] }, ORIGIN)
		).rejects.toMatchObject({ status: 404 });
		await expect(respond(a.supervisees[0], s.id, 'confirm')).rejects.toMatchObject({ status: 404 });
	});

	it('amending a confirmed session sends it back to the supervisee, with a notice; it counts again only once re-confirmed', async () => {
		const t = await team(1);
		const [x] = t.supervisees;
		const s = await logSession(t.supervisor, {
			date: '2026-11-10',
			minutes: 30,
			format: 'INDIVIDUAL',
			functions: ['educational'],
			supervisees: [x.id],
			privateNotes: undefined
		});
		await respond(x, s.id, 'confirm');
		expect(await receivedSummary(x.id)).toEqual([
			{ month: '2026-11', sessions: 1, minutes: 30, functions: ['educational'] }
		]);
		// the same values again change nothing: still confirmed, nobody bothered
		await amend(t.supervisor, s.id, { date: '2026-11-10', minutes: 30, functions: ['educational'] }, ORIGIN);
		expect(await confirmed(s.id)).toBe(1);
		expect(await db.notification.count({ where: { userId: x.id, kind: 'session-amended' } })).toBe(0);

		await amend(t.supervisor, s.id, { date: '2026-11-10', minutes: 600, functions: ['educational'] }, ORIGIN);
		expect(await confirmed(s.id)).toBe(0);
		expect(await receivedSummary(x.id)).toEqual([]); // the 600 minutes do not count unconfirmed
		expect(await db.notification.count({ where: { userId: x.id, kind: 'session-amended' } })).toBe(1);
		expect(await db.auditEvent.count({ where: { subjectId: s.id, action: 'supervision.session_amended' } })).toBe(2);
		await respond(x, s.id, 'confirm');
		expect(await receivedSummary(x.id)).toEqual([
			{ month: '2026-11', sessions: 1, minutes: 600, functions: ['educational'] }
		]);
	});
});
