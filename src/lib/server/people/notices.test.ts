// Issue 17: a notice for each action someone waits on — created once by the action that makes the wait, in the
// recipient's language, linking to the exact page, and done (and read) once someone acts on it.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { day, licensedWorker, PDF } from '../../../../tests/helpers/licensing';
import { signLearningAgreement } from '../practicum/placements';
import { decideHours, logHours, withdrawHours } from '../practicum/hours';
import { acknowledge, remindEvaluationsDue, submitEvaluation } from '../practicum/evaluations';
import { amend, logSession, respond, withdraw } from '../supervision/sessions';
import { addActivity, decide, readActivity } from '../cpd/ledger';
import {
	createProgramme,
	decideRecognition,
	requestRecognition,
	type ProgrammeInput
} from '../certificates/programmes';
import { remindCyclesEnding } from '../licensing/reminders';
import { claimLicence, decideClaim, decideRenewal } from '../licensing/licences';
import { knownDay } from '$lib/calendar-day';
import { clearNotices, inbox, notify, noticeSubject, unreadCount } from './notifications';

const ORIGIN = 'http://credo.test';

/** The notices about `subject`, per person: [userId, done?] sorted, and how many mails went with them. */
async function notices(subject: string) {
	return db.notification.findMany({ where: { subject }, orderBy: { createdAt: 'asc' } });
}
const open = async (subject: string) => (await notices(subject)).filter((n) => !n.doneAt);

describe('notify and clearNotices', () => {
	it('the same open notice twice for one person and subject makes one notice and one mail; once done, a new one may come', async () => {
		const person = await makeUser();
		const subject = `test:${person.id}`;
		const notice = { kind: 'test', title: 'Sign', body: 'Please sign', link: '/x', subject };
		await db.$transaction((tx) => notify(tx, person, notice, ORIGIN));
		await db.$transaction((tx) => notify(tx, person, notice, ORIGIN));
		expect(await notices(subject)).toHaveLength(1);
		expect(await db.outboxMessage.count({ where: { to: person.email, kind: 'test' } })).toBe(1);
		expect(await unreadCount(person.id)).toBe(1);
		expect((await inbox(person.id)).toDo.map((n) => n.subject)).toEqual([subject]);

		expect(await db.$transaction((tx) => clearNotices(tx, subject))).toBe(1);
		const [done] = await notices(subject);
		expect(done.doneAt).not.toBeNull();
		expect(done.readAt).not.toBeNull();
		expect(await unreadCount(person.id)).toBe(0);
		const box = await inbox(person.id);
		expect(box.toDo).toEqual([]);
		expect(box.others.map((n) => n.id)).toEqual([done.id]);

		await db.$transaction((tx) => notify(tx, person, notice, ORIGIN));
		expect(await open(subject)).toHaveLength(1);
	});

	it('clears only the one person asked for when a user is given', async () => {
		const [a, b] = [await makeUser(), await makeUser()];
		const subject = `test:${a.id}:${b.id}`;
		for (const person of [a, b])
			await db.$transaction((tx) => notify(tx, person, { kind: 'test', title: 't', body: 'b', subject }, ORIGIN));
		await db.$transaction((tx) => clearNotices(tx, subject, a.id));
		expect((await open(subject)).map((n) => n.userId)).toEqual([b.id]);
	});
});

describe('each waited action: created once by its action, cleared by acting on it', () => {
	it('a learning agreement to sign: student and field supervisor are asked; each signature clears their own', async () => {
		const p = await signedPlacement({ sign: false });
		const subject = noticeSubject.agreementSign(p.placement.id);
		const asked = await open(subject);
		expect(asked.map((n) => n.userId).sort()).toEqual([p.student.id, p.supervisor.id].sort());
		expect(asked[0].link).toBe(`/practicum/placements/${p.placement.id}#agreement`);
		expect(asked[0].title).toBe('A learning agreement waits for your signature');
		await signLearningAgreement(p.student, p.placement.id, 'student');
		expect((await open(subject)).map((n) => n.userId)).toEqual([p.supervisor.id]);
		await signLearningAgreement(p.student, p.placement.id, 'student'); // again: nothing changes
		await signLearningAgreement(p.supervisor, p.placement.id, 'supervisor');
		expect(await open(subject)).toEqual([]);
		expect(await notices(subject)).toHaveLength(2);
	});

	it('hours to decide: one notice per placement to the field supervisor, done when none is pending', async () => {
		const p = await signedPlacement();
		const subject = noticeSubject.hours(p.placement.id);
		const entry = (date: string) => ({
			date: knownDay(date),
			hours: 6,
			activity: 'Home visits',
			competencies: ['CORE.CASE_MANAGEMENT']
		});
		const a = await logHours(p.student, p.placement.id, entry('2026-03-02'));
		const b = await logHours(p.student, p.placement.id, entry('2026-03-03'));
		const asked = await open(subject);
		expect(asked.map((n) => n.userId)).toEqual([p.supervisor.id]);
		expect(asked[0].link).toBe(`/practicum/placements/${p.placement.id}#decide-form`);
		expect(await db.outboxMessage.count({ where: { to: p.supervisor.email, kind: 'hours-pending' } })).toBe(1);
		await decideHours(p.supervisor, [a.id], 'approve', undefined, ORIGIN);
		expect(await open(subject)).toHaveLength(1); // b still waits
		await withdrawHours(p.student, b.id);
		expect(await open(subject)).toEqual([]);
		// new hours: a new notice
		const c = await logHours(p.student, p.placement.id, entry('2026-03-04'));
		expect(await open(subject)).toHaveLength(1);
		await decideHours(p.supervisor, [c.id], 'reject', 'Not on the rota', ORIGIN);
		expect(await open(subject)).toEqual([]);
	});

	it('a session to confirm, and a dispute back to the supervisor: answered, amended, withdrawn', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const supervisor = await sessionUserOf((await makeUser([{ role: 'SUPERVISOR', organisationId: org.id }])).id);
		const [x, y] = await Promise.all(
			[0, 1].map(async () => sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }])).id))
		);
		for (const s of [x, y])
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
		const input = {
			date: knownDay('2026-11-10'),
			minutes: 60,
			format: 'GROUP' as const,
			functions: ['supportive' as const],
			supervisees: [x.id, y.id],
			privateNotes: undefined
		};
		const s = await logSession(supervisor, input);
		const subject = noticeSubject.session(s.id);
		const asked = await open(subject);
		expect(asked.map((n) => n.userId).sort()).toEqual([x.id, y.id].sort());
		expect(asked[0].link).toBe(`/supervision#session-${s.id}`);
		await respond(x, s.id, 'confirm');
		expect((await open(subject)).map((n) => n.userId)).toEqual([y.id]);
		await respond(y, s.id, 'dispute', 'It was 45 minutes');
		expect(await open(subject)).toEqual([]);
		const dispute = noticeSubject.sessionDispute(s.id);
		const back = await open(dispute);
		expect(back.map((n) => n.userId)).toEqual([supervisor.id]);
		expect(back[0].body).toContain('It was 45 minutes');
		expect(back[0].link).toBe(`/supervision#amend-${s.id}`);
		// amended: the dispute is done; the supervisee is asked again
		await amend(supervisor, s.id, { date: input.date, minutes: 45, functions: input.functions }, ORIGIN);
		expect(await open(dispute)).toEqual([]);
		expect((await open(subject)).map((n) => n.userId).sort()).toEqual([x.id, y.id].sort());
		// withdrawn: nothing is asked about it any more
		await withdraw(supervisor, s.id);
		expect(await open(subject)).toEqual([]);
	});

	it("a CPD claim to review goes to the provider's admins (else the regulators) and is done once decided", async () => {
		const w = await licensedWorker();
		const form = (fields: Record<string, string>) => {
			const f = new FormData();
			for (const [k, v] of Object.entries(fields)) f.append(k, v);
			return f;
		};
		const pdf = () => new File([PDF], 'certificate.pdf', { type: 'application/pdf' });
		const base = {
			title: 'Case conference',
			activityDate: '2026-01-10',
			credits: '2',
			category: 'ethics',
			activityType: 'in-person'
		};
		const withProvider = await addActivity(
			w.learner,
			await readActivity(w.user.id, form({ ...base, providerName: 'Guild', providerOrgId: w.provider.id })),
			pdf()
		);
		const subject = noticeSubject.cpdClaim(withProvider.id);
		const asked = await open(subject);
		expect(asked.map((n) => n.userId)).toEqual([w.providerAdmin.id]);
		expect(asked[0].link).toBe(`/cpd/review#entry-${withProvider.id}`);
		await decide(w.providerAdmin, { entryId: withProvider.id, decision: 'approve', reason: undefined }, ORIGIN);
		expect(await open(subject)).toEqual([]);

		const noProvider = await addActivity(
			w.learner,
			await readActivity(w.user.id, form({ ...base, providerName: 'Elsewhere' })),
			pdf()
		);
		const other = noticeSubject.cpdClaim(noProvider.id);
		expect((await open(other)).map((n) => n.userId)).toEqual([w.regulator.id]);
		await decide(w.regulator, { entryId: noProvider.id, decision: 'reject', reason: 'No evidence of credits' }, ORIGIN);
		expect(await open(other)).toEqual([]);
	});

	it("a recognition to decide goes to the jurisdiction's regulators and is done once decided", async () => {
		const j = await makeJurisdiction();
		const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
		await db.providerAccreditation.create({
			data: { jurisdictionId: j.id, organisationId: provider.id, accreditedOn: day('2025-01-01') }
		});
		const admin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
		const regulators = await Promise.all(
			[0, 1].map(async () => sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id))
		);
		const input: ProgrammeInput = {
			code: 'N1',
			title: 'Gatekeeping short course',
			description: undefined,
			track: undefined,
			requiresEvent: false,
			deliveredOutside: false,
			contactHours: null,
			minPracticumHours: null,
			minSupervisionHours: null,
			validityMonths: 12,
			childVictims: false,
			childProtection: true,
			supportingPartnerId: null,
			autoIssue: false,
			modules: [{ moduleId: 'care-gatekeeping', minScore: 80 }],
			competencies: []
		};
		const p = await createProgramme(admin, provider.id, input);
		const ask = {
			governmentRecognised: false,
			approvedProvider: true,
			recognitionReference: 'REF-1',
			recognitionDate: day('2026-01-10')
		};
		await requestRecognition(admin, p.id, ask);
		await requestRecognition(admin, p.id, ask); // asked twice: still one notice each
		const subject = noticeSubject.recognition(p.id);
		const asked = await open(subject);
		expect(asked.map((n) => n.userId).sort()).toEqual(regulators.map((r) => r.id).sort());
		expect(asked[0].link).toBe(`/regulator/programmes#r-${p.id}`);
		await decideRecognition(regulators[0], { programmeId: p.id, decision: 'confirm', note: undefined });
		expect(await open(subject)).toEqual([]);
		expect(await notices(subject)).toHaveLength(2);
	});

	it('a renewal due: the holder is reminded once; renewing the cycle makes it done', async () => {
		const a = await licensedWorker({ from: '2025-01-01', to: '2025-12-31' });
		const now = new Date('2025-12-10T08:00:00Z');
		await remindCyclesEnding(ORIGIN, now, 10_000);
		await remindCyclesEnding(ORIGIN, now, 10_000);
		const subject = noticeSubject.renewal(a.cycle.id);
		expect((await open(subject)).map((n) => n.userId)).toEqual([a.user.id]);
		await db.cpdEntry.create({
			data: {
				userId: a.user.id,
				jurisdictionId: a.j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'APPROVED',
				title: 't',
				providerOrgId: a.provider.id,
				activityDate: day('2025-05-05'),
				credits: 10,
				category: 'ethics'
			}
		});
		await decideRenewal(
			a.regulator,
			{ cycleId: a.cycle.id, version: 1, decision: 'renew', reason: 'All requirements met' },
			ORIGIN,
			new Date('2026-01-10T10:00:00Z')
		);
		expect(await open(subject)).toEqual([]);
		expect(await notices(subject)).toHaveLength(1);
	});

	it("an evaluation due: the field supervisor is reminded once per evaluation; submitting it makes it done, and the student's acknowledgement clears theirs", async () => {
		const p = await signedPlacement(); // 2026-02-01 to 2026-10-31: midpoint 2026-06-16, final due from 2026-10-17
		await remindEvaluationsDue(ORIGIN, new Date('2026-05-01T08:00:00Z'), 10_000);
		const midterm = noticeSubject.evaluation(p.placement.id, 'MIDTERM');
		const final = noticeSubject.evaluation(p.placement.id, 'FINAL');
		expect(await notices(midterm)).toEqual([]);
		await remindEvaluationsDue(ORIGIN, new Date('2026-07-01T08:00:00Z'), 10_000);
		await remindEvaluationsDue(ORIGIN, new Date('2026-07-02T08:00:00Z'), 10_000);
		const asked = await open(midterm);
		expect(asked.map((n) => n.userId)).toEqual([p.supervisor.id]);
		expect(asked[0].title).toBe('A midterm evaluation is due');
		expect(asked[0].link).toBe(`/practicum/placements/${p.placement.id}#evaluation`);
		expect(await notices(final)).toEqual([]);

		const ratings = { 'CORE.CASE_MANAGEMENT': { rating: 4, comment: '' } };
		const evaluation = await submitEvaluation(p.supervisor, p.placement.id, 'MIDTERM', ratings, '', ORIGIN);
		expect(await open(midterm)).toEqual([]);
		const ack = noticeSubject.evaluationAck(evaluation.id);
		expect((await open(ack)).map((n) => n.userId)).toEqual([p.student.id]);
		await acknowledge(p.student, p.placement.id, evaluation.id);
		expect(await open(ack)).toEqual([]);

		// done once: not reminded again; the final one comes near the end
		await remindEvaluationsDue(ORIGIN, new Date('2026-10-20T08:00:00Z'), 10_000);
		expect(await notices(midterm)).toHaveLength(1);
		expect((await open(final)).map((n) => n.userId)).toEqual([p.supervisor.id]);
	});

	it("a licence claim: the jurisdiction's regulators are asked once; deciding it makes it done for all of them", async () => {
		const w = await licensedWorker();
		const second = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: w.j.id }])).id);
		await db.licence.update({ where: { id: w.licence.id }, data: { workerProfileId: null } });
		const claimant = await sessionUserOf(w.user.id);
		await claimLicence(claimant, w.licence.number);
		await claimLicence(claimant, w.licence.number); // claimed twice: still one notice each
		const claim = await db.licenceClaim.findFirstOrThrow({ where: { licenceId: w.licence.id } });
		const subject = noticeSubject.licenceClaim(claim.id);
		const asked = await open(subject);
		expect(asked.map((n) => n.userId).sort()).toEqual([w.regulator.id, second.id].sort());
		expect(asked[0].link).toBe('/regulator#claims');
		expect(asked[0].body).toContain(w.licence.number);
		await decideClaim(second, claim.id, 'confirm', ORIGIN);
		expect(await open(subject)).toEqual([]);
		expect(await notices(subject)).toHaveLength(2);
	});

	it('a notice is written in the recipient’s language', async () => {
		const p = await signedPlacement({ sign: false });
		await db.user.update({ where: { id: p.supervisor.id }, data: { locale: 'fr' } });
		await signLearningAgreement(p.student, p.placement.id, 'student');
		await signLearningAgreement(p.supervisor, p.placement.id, 'supervisor');
		await signLearningAgreement(p.coordinator, p.placement.id, 'coordinator');
		await logHours(p.student, p.placement.id, {
			date: knownDay('2026-03-02'),
			hours: 2,
			activity: 'Visits',
			competencies: ['CORE.CASE_MANAGEMENT']
		});
		const [n] = await open(noticeSubject.hours(p.placement.id));
		expect(n.locale).toBe('fr');
		expect(n.title).toBe('Des heures attendent votre décision');
	});
});
