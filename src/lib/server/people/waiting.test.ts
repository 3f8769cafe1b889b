// Work that came in without its notice (demo data, imported history) is asked for once by the sweeper's step.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { noticeWaitingWork } from './waiting';
import { noticeSubject } from './notifications';
import { respond } from '../supervision/sessions';
import { signLearningAgreement } from '../practicum/placements';

const ORIGIN = 'http://credo.test';
const openFor = (subject: string) =>
	db.notification.findMany({ where: { subject, doneAt: null }, select: { userId: true, link: true, title: true } });

describe('noticeWaitingWork', () => {
	it('asks once for each session, dispute, hours and signature that waits without an open notice', async () => {
		const p = await signedPlacement({ sign: false });
		const j = p.placement.jurisdictionId;
		// everything below is written as an import would: straight into the tables, with no notice
		await db.notification.deleteMany({ where: { userId: { in: [p.student.id, p.supervisor.id] } } });
		await db.placement.update({ where: { id: p.placement.id }, data: { studentSignedAt: new Date() } });
		const hours = await db.practicumLog.create({
			data: {
				placementId: p.placement.id,
				jurisdictionId: j,
				date: new Date('2026-03-02'),
				hours: 6,
				activity: 'Visits'
			}
		});
		const other = await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: j }])).id);
		const session = await db.supervisionSession.create({
			data: {
				supervisorId: p.supervisor.id,
				jurisdictionId: j,
				date: new Date('2026-03-05'),
				minutes: 60,
				format: 'GROUP',
				functions: ['supportive'],
				attendees: {
					create: [
						{ superviseeId: p.student.id },
						{ superviseeId: other.id, status: 'DISPUTED', disputeNote: 'It was 45 minutes', respondedAt: new Date() }
					]
				}
			}
		});

		expect(await noticeWaitingWork(ORIGIN, 200, j)).toBe(4);
		expect((await openFor(noticeSubject.session(session.id))).map((n) => n.userId)).toEqual([p.student.id]);
		const [dispute] = await openFor(noticeSubject.sessionDispute(session.id));
		expect(dispute).toMatchObject({ userId: p.supervisor.id, link: `/supervision#amend-${session.id}` });
		expect((await openFor(noticeSubject.hours(p.placement.id))).map((n) => n.userId)).toEqual([p.supervisor.id]);
		// the student signed already: only the field supervisor is asked
		const sign = await openFor(noticeSubject.agreementSign(p.placement.id));
		expect(sign.map((n) => n.userId)).toEqual([p.supervisor.id]);
		expect(sign[0].title).toBe('A learning agreement waits for your signature');

		expect(await noticeWaitingWork(ORIGIN, 200, j)).toBe(0); // asked already
		expect(await db.outboxMessage.count({ where: { to: p.supervisor.email, kind: 'hours-pending' } })).toBe(1);

		// acting clears the notice, and nothing waits any more, so nothing is asked again
		await respond(p.student, session.id, 'confirm');
		await signLearningAgreement(p.supervisor, p.placement.id, 'supervisor');
		expect(await openFor(noticeSubject.session(session.id))).toEqual([]);
		expect(await openFor(noticeSubject.agreementSign(p.placement.id))).toEqual([]);
		expect(await noticeWaitingWork(ORIGIN, 200, j)).toBe(0);
		// a notice marked done while its work still waits (here by hand) is asked for again
		await db.notification.updateMany({
			where: { subject: noticeSubject.hours(p.placement.id) },
			data: { doneAt: new Date() }
		});
		expect(await noticeWaitingWork(ORIGIN, 200, j)).toBe(1);
		expect(hours.status).toBe('PENDING');
	});
});
