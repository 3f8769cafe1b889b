// Programmes, events, issuance, revocation, verification and signed credentials on a real database.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { db } from '../db';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { answerEntries, moduleFile } from '../../../../tests/helpers/content';
import { startAttempt, submitAttempt } from '../learning/attempts';
import {
	createProgramme,
	decideRecognition,
	requestRecognition,
	updateProgramme,
	type ProgrammeInput
} from './programmes';
import {
	addParticipants,
	createEvent,
	markAllPresent,
	registerCandidates,
	removeParticipant,
	saveRegister,
	saveSessionDays
} from './events';
import { linkOrCreateWorker } from '../people/workers';
import {
	autoIssueAfterModule,
	checkCohortIssuance,
	claimCertificate,
	issueCertificate,
	learnerOverview,
	revokeCertificate,
	runCohortIssuance,
	startCohortIssuance
} from './issuance';
import { lookup, lookupByCode } from './verification';
import { checkCredential, credentialFor } from './credentials';
import { certificatePdf } from './documents';
import { day } from '../../../../tests/helpers/licensing';
import { expiryFor } from './eligibility';
import { addDays, fromDate, knownDay as fromDay } from '$lib/calendar-day';
import { formatVerificationCode, newVerificationCode } from './code';

const MODULE = 'care-gatekeeping';

/** Runs a cohort job here, or waits for the queue's worker that took it first, until it is done. */
async function cohortDone(jobId: string) {
	await runCohortIssuance(jobId);
	for (let i = 0; i < 200; i++) {
		const job = await db.importJob.findUniqueOrThrow({ where: { id: jobId } });
		if (job.status === 'done' || job.status === 'failed') return job;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`cohort job ${jobId} did not finish`);
}

async function setting() {
	const j = await makeJurisdiction();
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	await db.providerAccreditation.create({
		data: { jurisdictionId: j.id, organisationId: provider.id, accreditedOn: day('2025-01-01') }
	});
	const providerAdmin = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
	const regulator = await sessionUserOf((await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }])).id);
	const learnerRow = await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }]);
	return { j, provider, providerAdmin, regulator, learnerRow, learner: await sessionUserOf(learnerRow.id) };
}

const base: ProgrammeInput = {
	code: 'P1',
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
	autoIssue: true,
	modules: [{ moduleId: MODULE, minScore: 80 }],
	competencies: []
};

async function pass(userId: string, right = true) {
	const a = await startAttempt(userId, MODULE);
	return submitAttempt(userId, a.id, answerEntries(moduleFile('content', MODULE), a.questionIds, right));
}

describe('module programmes', () => {
	it('a learner sees what is left, passes the module, and the certificate is issued automatically once', async () => {
		const s = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, base);
		let overview = await learnerOverview(s.learner.id);
		expect(overview.programmes.find((x) => x.id === p.id)).toMatchObject({
			eligible: false,
			requirements: [{ kind: 'module', met: false, best: null }]
		});
		await pass(s.learner.id);
		const issued = await autoIssueAfterModule(s.learner.id, MODULE);
		expect(issued).toHaveLength(1);
		expect(await autoIssueAfterModule(s.learner.id, MODULE)).toEqual([]); // asked again: nothing new
		overview = await learnerOverview(s.learner.id);
		expect(overview.certificates).toHaveLength(1);
		const c = await db.certificate.findFirstOrThrow({ where: { userId: s.learner.id } });
		expect(c.competencies).toContain('CARE.GATEKEEPING');
		// valid 12 months: through the day before the anniversary (expiryFor's own cases are in eligibility.test.ts)
		expect(c.expiresOn && fromDate(c.expiresOn)).toBe(expiryFor(fromDate(c.issuedOn), 12));
		// a worker profile was created for the holder, in the programme's jurisdiction
		expect(await db.workerProfile.count({ where: { userId: s.learner.id, jurisdictionId: s.j.id } })).toBe(1);
		expect(await db.auditEvent.count({ where: { action: 'certificate.issued', subjectId: c.id } })).toBe(1);
		expect(await db.notification.count({ where: { userId: s.learner.id, kind: 'certificate.issued' } })).toBe(1);
	});

	it('fifty concurrent issuance requests give one certificate', async () => {
		const s = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, { ...base, autoIssue: false });
		await pass(s.learner.id);
		const results = await Promise.all(Array.from({ length: 50 }, () => issueCertificate(p.id, s.learner.id)));
		const ids = new Set(results.map((r) => r.certificate?.id));
		expect(ids.size).toBe(1);
		expect([...ids][0]).toBeTruthy();
		expect(results.filter((r) => r.created)).toHaveLength(1);
		expect(await db.certificate.count({ where: { programmeId: p.id } })).toBe(1);
		expect(await db.notification.count({ where: { userId: s.learner.id, kind: 'certificate.issued' } })).toBe(1);
	});

	it('a score under the programme minimum does not qualify; claiming then is refused', async () => {
		const s = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, {
			...base,
			modules: [{ moduleId: MODULE, minScore: 100 }],
			autoIssue: false
		});
		await expect(claimCertificate(s.learner, p.id)).rejects.toMatchObject({ status: 409 });
		expect(await db.certificate.count({ where: { programmeId: p.id } })).toBe(0);
	});

	it('a programme of another jurisdiction cannot be claimed', async () => {
		const s = await setting();
		const other = await setting();
		const p = await createProgramme(other.providerAdmin, other.provider.id, base);
		await expect(claimCertificate(s.learner, p.id)).rejects.toMatchObject({ status: 404 });
	});

	it('a programme delivered outside Credo is never claimed or issued here, and is not offered to learners', async () => {
		const s = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, {
			...base,
			deliveredOutside: true,
			contactHours: 30,
			modules: []
		});
		await expect(claimCertificate(s.learner, p.id)).rejects.toMatchObject({ status: 409 });
		expect(await db.certificate.count({ where: { programmeId: p.id } })).toBe(0);
		expect((await learnerOverview(s.learner.id)).programmes.map((x) => x.id)).not.toContain(p.id);
	});
});

describe('training events', () => {
	async function eventWith(
		s: Awaited<ReturnType<typeof setting>>,
		days: { from: string; to: string; weekdaysOnly?: boolean }
	) {
		const p = await createProgramme(s.providerAdmin, s.provider.id, {
			...base,
			code: `CP${Math.random().toString(36).slice(2, 7)}`,
			modules: [],
			requiresEvent: true,
			autoIssue: false,
			childVictims: true
		});
		const ev = await createEvent(s.providerAdmin, p.id, {
			title: 'Course',
			mode: 'IN_PERSON',
			venue: 'Hall',
			startsOn: fromDay(days.from),
			endsOn: fromDay(days.to),
			weekdaysOnly: days.weekdaysOnly ?? false,
			facilitators: []
		});
		return { p, ev };
	}
	async function fiveDayEvent() {
		const s = await setting();
		const { p, ev } = await eventWith(s, { from: '2026-06-01', to: '2026-06-05' });
		const people = await Promise.all([1, 2, 3].map(() => makeUser([{ role: 'LEARNER', jurisdictionId: s.j.id }])));
		const added = await addParticipants(s.providerAdmin, ev.id, { text: people.map((u) => u.email).join('\n') });
		expect(added).toEqual({ added: 3, already: 0, refused: [] });
		for (const d of ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'])
			await markAllPresent(s.providerAdmin, ev.id, fromDay(d));
		const workers = await Promise.all(
			people.map((u) => db.workerProfile.findUniqueOrThrow({ where: { userId: u.id } }))
		);
		return { s, p, ev, people, workers };
	}

	it('a register that posts one cell twice is refused and changes nothing (found by the fuzzer: it answered 500)', async () => {
		const { s, ev, workers } = await fiveDayEvent();
		const before = await db.attendanceMark.findMany({
			where: { eventId: ev.id },
			orderBy: [{ workerId: 'asc' }, { day: 'asc' }]
		});
		const form = new FormData();
		form.append(`mark.${workers[0].id}.2026-06-02`, 'absent');
		form.append(`mark.${workers[0].id}.2026-06-02`, 'present');
		await expect(saveRegister(s.providerAdmin, ev.id, form)).rejects.toMatchObject({ status: 400 });
		expect(
			await db.attendanceMark.findMany({ where: { eventId: ev.id }, orderBy: [{ workerId: 'asc' }, { day: 'asc' }] })
		).toEqual(before);
	});

	it('a missed day blocks the certificate until a make-up is recorded; the cohort job issues the rest, dated by the last day', async () => {
		const { s, p, ev, people, workers } = await fiveDayEvent();
		const [full, missed, madeUp] = people;
		const form = new FormData();
		form.set(`mark.${workers[1].id}.2026-06-03`, 'absent');
		form.set(`mark.${workers[2].id}.2026-06-03`, 'makeup');
		await saveRegister(s.providerAdmin, ev.id, form);
		expect(await checkCohortIssuance(s.providerAdmin, ev.id, null)).toEqual({
			issuedOn: '2026-06-05',
			lastDay: '2026-06-05',
			participants: 3,
			attendedAll: 2,
			withoutAccount: 0
		});
		const job = await startCohortIssuance(s.providerAdmin, ev.id);
		expect((await startCohortIssuance(s.providerAdmin, ev.id)).id).toBe(job.id); // a double click shows the same run
		const done = await cohortDone(job.id);
		expect(done).toMatchObject({ status: 'done', processed: 3, total: 3 });
		expect(done.report).toMatchObject({
			issuedOn: '2026-06-05',
			issued: 2,
			alreadyHeld: 0,
			notEligible: [{ contact: missed.email, left: '4/5' }]
		});
		const certificates = await db.certificate.findMany({ where: { programmeId: p.id } });
		expect(certificates.map((c) => c.userId).sort()).toEqual([full.id, madeUp.id].sort());
		expect(certificates.map((c) => fromDate(c.issuedOn))).toEqual(['2026-06-05', '2026-06-05']);
		// run again: nothing twice
		const again = await startCohortIssuance(s.providerAdmin, ev.id);
		await cohortDone(again.id);
		expect(await db.certificate.count({ where: { programmeId: p.id } })).toBe(2);
		expect((await db.importJob.findUniqueOrThrow({ where: { id: again.id } })).report).toMatchObject({
			issued: 0,
			alreadyHeld: 2
		});
	});

	it('the issue date: a chosen past day after the event, never before its last session day, never in the future', async () => {
		const { s, p, ev } = await fiveDayEvent();
		for (const [chosen, message] of [
			['2026-06-04', /last session day, 5 Jun 2026/],

			['2999-01-01', /future/]
		] as const)
			await expect(checkCohortIssuance(s.providerAdmin, ev.id, fromDay(chosen))).rejects.toMatchObject({
				fields: { issuedOn: expect.stringMatching(message) }
			});
		await expect(startCohortIssuance(s.providerAdmin, ev.id, fromDay('2999-01-01'))).rejects.toMatchObject({
			fields: { issuedOn: expect.any(String) }
		});
		expect(await db.importJob.count({ where: { subjectId: ev.id } })).toBe(0);
		const job = await startCohortIssuance(s.providerAdmin, ev.id, fromDay('2026-06-19'));
		await cohortDone(job.id);
		const issued = await db.certificate.findMany({ where: { programmeId: p.id } });
		expect(issued.map((c) => [fromDate(c.issuedOn), c.expiresOn && fromDate(c.expiresOn)])).toEqual([
			['2026-06-19', '2027-06-18'],
			['2026-06-19', '2027-06-18'],
			['2026-06-19', '2027-06-18']
		]);
		// an event whose last day is still to come cannot be certified yet
		const later = await eventWith(s, { from: '2999-01-04', to: '2999-01-05' });
		await expect(checkCohortIssuance(s.providerAdmin, later.ev.id, null)).rejects.toMatchObject({
			fields: { issuedOn: expect.stringMatching(/5 Jan 2999/) }
		});
	});

	it('a ten-day induction over two weeks: weekends are not session days, completion is judged on the ten', async () => {
		const s = await setting();
		// Monday 2 March to Friday 13 March 2026
		const { p, ev } = await eventWith(s, { from: '2026-03-02', to: '2026-03-13', weekdaysOnly: true });
		const days = (await db.trainingEvent.findUniqueOrThrow({ where: { id: ev.id } })).sessionDays.map(fromDate);
		expect(days).toHaveLength(10);
		expect(days).not.toContain('2026-03-07');
		const learner = await makeUser([{ role: 'LEARNER', jurisdictionId: s.j.id }]);
		await addParticipants(s.providerAdmin, ev.id, { text: learner.email });
		for (const d of days) await markAllPresent(s.providerAdmin, ev.id, d);
		await expect(markAllPresent(s.providerAdmin, ev.id, fromDay('2026-03-07'))).rejects.toMatchObject({
			fields: { day: expect.any(String) }
		});
		const { requirements } = (await learnerOverview(learner.id)).programmes.find((x) => x.id === p.id)!;
		expect(requirements[0]).toMatchObject({ kind: 'event', met: true, daysTotal: 10, daysAttended: 10 });
		// a session day with attendance cannot be dropped; an unmarked weekend day can be added, and then counts
		await expect(saveSessionDays(s.providerAdmin, ev.id, days.slice(1))).rejects.toMatchObject({
			fields: { day: expect.stringMatching(/2 Mar 2026/) }
		});
		await expect(saveSessionDays(s.providerAdmin, ev.id, [])).rejects.toMatchObject({
			fields: { day: expect.any(String) }
		});
		await expect(saveSessionDays(s.providerAdmin, ev.id, [...days, '2026-03-20'])).rejects.toMatchObject({
			status: 400
		});
		expect(await saveSessionDays(s.providerAdmin, ev.id, [...days, '2026-03-07'])).toBe(11);
		expect(await checkCohortIssuance(s.providerAdmin, ev.id, null)).toMatchObject({ participants: 1, attendedAll: 0 });
		expect((await issueCertificate(p.id, learner.id)).created).toBe(false);
		await markAllPresent(s.providerAdmin, ev.id, fromDay('2026-03-07'));
		const r = await issueCertificate(p.id, learner.id, { issuedOn: fromDay('2026-03-13') });
		expect(r.created).toBe(true);
	});

	it('participants without an account: chosen from the register or by national ID; the certificate goes to the worker record and to the person once linked', async () => {
		const s = await setting();
		const { p, ev } = await eventWith(s, { from: '2026-06-01', to: '2026-06-02' });
		const [ama, kofi] = await Promise.all(
			['Ama Owusu', 'Kofi Boateng'].map(async (name, i) => {
				const [givenName, familyName] = name.split(' ');
				const w = await db.workerProfile.create({
					data: { jurisdictionId: s.j.id, givenName, familyName, email: `w${i}-${ev.id}@example.org` }
				});
				await db.workerIdentifier.create({
					data: { workerProfileId: w.id, jurisdictionId: s.j.id, kind: 'NATIONAL_WORKER_ID', value: `NW-${ev.id}-${i}` }
				});
				return w;
			})
		);
		const found = await registerCandidates(ev.id, s.j.id, 'owusu');
		expect(found.map((c) => c.id)).toEqual([ama.id]);
		// each entry on its own: the unknown ones are reported, the others added
		const r = await addParticipants(s.providerAdmin, ev.id, {
			workerIds: [ama.id],
			text: `NW-${ev.id}-1\nNW-nobody\nnobody-${ev.id}@example.org`
		});
		expect(r.added).toBe(2);
		expect(r.refused.map((x) => x.entry)).toEqual(['NW-nobody', `nobody-${ev.id}@example.org`]);
		expect(await registerCandidates(ev.id, s.j.id, 'owusu')).toEqual([]); // already taking part
		// a forged register choice (a worker of another jurisdiction) adds nobody
		const elsewhere = await db.workerProfile.create({
			data: { jurisdictionId: (await makeJurisdiction()).id, givenName: 'X', familyName: 'Y' }
		});
		await expect(addParticipants(s.providerAdmin, ev.id, { workerIds: [elsewhere.id] })).rejects.toMatchObject({
			status: 400
		});
		await expect(addParticipants(s.providerAdmin, ev.id, { text: '' })).rejects.toMatchObject({
			fields: { entries: expect.any(String) }
		});
		// Kofi missed day 2: Ama alone is certified, to her worker record
		await markAllPresent(s.providerAdmin, ev.id, fromDay('2026-06-01'));
		const form = new FormData();
		form.set(`mark.${ama.id}.2026-06-02`, 'present');
		form.set(`mark.${kofi.id}.2026-06-02`, 'absent');
		await saveRegister(s.providerAdmin, ev.id, form);
		expect(await checkCohortIssuance(s.providerAdmin, ev.id, null)).toMatchObject({
			participants: 2,
			attendedAll: 1,
			withoutAccount: 2
		});
		const job = await startCohortIssuance(s.providerAdmin, ev.id);
		await cohortDone(job.id);
		const [cert] = await db.certificate.findMany({ where: { programmeId: p.id } });
		expect(cert).toMatchObject({ workerId: ama.id, userId: null, source: 'ISSUED', holderName: 'Ama Owusu' });
		expect(fromDate(cert.issuedOn)).toBe('2026-06-02');
		expect((await lookupByCode(cert.code))?.status).toBe('valid');
		// Kofi cannot be removed (attendance recorded); a participant added by mistake with none can
		await expect(removeParticipant(s.providerAdmin, ev.id, kofi.id)).rejects.toMatchObject({ status: 409 });
		// Ama makes an account with the address on her record: the certificate is hers to see
		const account = await makeUser([{ role: 'LEARNER', jurisdictionId: s.j.id }]);
		await db.workerProfile.update({ where: { id: ama.id }, data: { email: account.email.toUpperCase() } });
		await db.$transaction((tx) => linkOrCreateWorker(tx, account, s.j.id, null));
		expect((await db.certificate.findUniqueOrThrow({ where: { id: cert.id } })).userId).toBe(account.id);
		expect((await learnerOverview(account.id)).certificates.map((c) => c.id)).toEqual([cert.id]);
	});

	it('the register refuses a person not enrolled, a day outside the event and an unknown mark, changing nothing', async () => {
		const { s, ev, workers } = await fiveDayEvent();
		const before = await db.attendanceMark.count({ where: { eventId: ev.id, present: true } });
		const stranger = await db.workerProfile.create({
			data: { jurisdictionId: s.j.id, givenName: 'S', familyName: 'T' }
		});
		for (const [key, value] of [
			[`mark.${stranger.id}.2026-06-01`, 'absent'],
			[`mark.${workers[0].id}.2026-07-01`, 'absent'],
			[`mark.${workers[0].id}.2026-06-01`, 'late']
		]) {
			const form = new FormData();
			form.set(`mark.${workers[1].id}.2026-06-02`, 'absent');
			form.set(key, value);
			await expect(saveRegister(s.providerAdmin, ev.id, form)).rejects.toMatchObject({ status: 400 });
		}
		expect(await db.attendanceMark.count({ where: { eventId: ev.id, present: true } })).toBe(before);
		expect(await addParticipants(s.providerAdmin, ev.id, { text: 'nobody-here@example.org' })).toMatchObject({
			added: 0,
			refused: [{ entry: 'nobody-here@example.org' }]
		});
	});

	it('another provider cannot see or change the event', async () => {
		const { ev } = await fiveDayEvent();
		const other = await setting();
		await expect(markAllPresent(other.providerAdmin, ev.id, fromDay('2026-06-01'))).rejects.toMatchObject({
			status: 404
		});
		await expect(startCohortIssuance(other.providerAdmin, ev.id)).rejects.toMatchObject({ status: 404 });
		await expect(checkCohortIssuance(other.providerAdmin, ev.id, null)).rejects.toMatchObject({ status: 404 });
		await expect(saveSessionDays(other.providerAdmin, ev.id, ['2026-06-01'])).rejects.toMatchObject({ status: 404 });
		await expect(addParticipants(other.providerAdmin, ev.id, { text: 'x@example.org' })).rejects.toMatchObject({
			status: 404
		});
	});
});

describe('recognition', () => {
	it("the provider asks, the jurisdiction's regulator confirms; another regulator and a provider cannot", async () => {
		const s = await setting();
		const other = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, base);
		await requestRecognition(s.providerAdmin, p.id, {
			governmentRecognised: false,
			approvedProvider: true,
			recognitionReference: 'REF-1',
			recognitionDate: day('2026-01-10')
		});
		await expect(
			decideRecognition(other.regulator, { programmeId: p.id, decision: 'confirm', note: undefined })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			decideRecognition(s.providerAdmin, { programmeId: p.id, decision: 'confirm', note: undefined })
		).rejects.toMatchObject({ status: 404 });
		await decideRecognition(s.regulator, { programmeId: p.id, decision: 'confirm', note: undefined });
		await expect(
			decideRecognition(s.regulator, { programmeId: p.id, decision: 'confirm', note: undefined })
		).rejects.toMatchObject({ status: 409 });
		expect((await db.programme.findUniqueOrThrow({ where: { id: p.id } })).recognitionStatus).toBe('CONFIRMED');
	});

	it('"approved provider" cannot be confirmed for a provider without accreditation here', async () => {
		const s = await setting();
		// its accreditation ended at the end of 2025 (the last day it applied)
		await db.providerAccreditation.updateMany({
			where: { organisationId: s.provider.id },
			data: { revokedAt: new Date(), validTo: day('2025-12-31') }
		});
		const p = await createProgramme(s.providerAdmin, s.provider.id, base);
		await requestRecognition(s.providerAdmin, p.id, {
			governmentRecognised: false,
			approvedProvider: true,
			recognitionReference: 'REF-2',
			recognitionDate: day('2026-01-10')
		});
		await expect(
			decideRecognition(s.regulator, { programmeId: p.id, decision: 'confirm', note: undefined })
		).rejects.toMatchObject({ status: 409 });
	});
});

describe('verification, revocation, PDF and Open Badges', () => {
	async function issued() {
		const s = await setting();
		const p = await createProgramme(s.providerAdmin, s.provider.id, { ...base, autoIssue: false });
		await requestRecognition(s.providerAdmin, p.id, {
			governmentRecognised: true,
			approvedProvider: true,
			recognitionReference: 'GOV-7',
			recognitionDate: day('2026-02-01')
		});
		await decideRecognition(s.regulator, { programmeId: p.id, decision: 'confirm', note: undefined });
		await db.workerProfile.create({
			data: { jurisdictionId: s.j.id, userId: s.learner.id, givenName: 'Amélie', familyName: 'Nguyễn-Ødegård' }
		});
		await pass(s.learner.id);
		const r = await claimCertificate(s.learner, p.id);
		return { ...s, p, certificate: await db.certificate.findUniqueOrThrow({ where: { id: r.certificate!.id } }) };
	}
	const ip = () => `test-${Math.random()}`;

	it('the public lookup tells valid, revoked with its date, mistyped and unknown apart', async () => {
		const s = await issued();
		const shown = formatVerificationCode(s.certificate.code);
		const found = await lookup(shown.toLowerCase().replaceAll('-', ' '), ip());
		expect(found).toMatchObject({
			kind: 'found',
			certificate: {
				status: 'valid',
				holderName: 'Amélie Nguyễn-Ødegård',
				recognition: { recognised: true, reference: 'GOV-7' }
			}
		});
		// nothing more personal than the name
		expect(Object.keys((found as { certificate: object }).certificate).sort()).toEqual([
			'code',
			'expiresOn',
			'formerHolder',
			'holderName',
			'issuedOn',
			'programme',
			'provider',
			'recognition',
			'recorded',
			'revokedOn',
			'status',
			'verifyUrl'
		]);
		expect((found as { certificate: { recorded: unknown } }).certificate.recorded).toBeNull();
		const chars = s.certificate.code.split('');
		chars[3] = chars[3] === 'A' ? 'B' : 'A';
		expect((await lookup(chars.join(''), ip())).kind).toBe('mistyped');
		expect((await lookup('hello', ip())).kind).toBe('malformed');
		// never effective before the certificate was issued
		await expect(revokeCertificate(s.providerAdmin, s.certificate.id, 'typo', '2000-01-01')).rejects.toMatchObject({
			status: 400,
			fields: { effectiveOn: expect.any(String) }
		});
		await expect(revokeCertificate(s.providerAdmin, s.certificate.id, 'no')).resolves.toBeUndefined(); // schema length is the route's job
		const revoked = await lookupByCode(s.certificate.code);
		expect(revoked).toMatchObject({ status: 'revoked', revokedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
		await expect(revokeCertificate(s.providerAdmin, s.certificate.id, 'again')).rejects.toMatchObject({ status: 409 });
		expect(await db.notification.count({ where: { userId: s.learner.id, kind: 'certificate.revoked' } })).toBe(1);
		expect(await db.auditEvent.count({ where: { action: 'certificate.revoked', subjectId: s.certificate.id } })).toBe(
			1
		);
	});

	it('a revocation effective next month: valid until then, and the verification says it is decided', async () => {
		const s = await issued();
		const effective = addDays(fromDate(new Date()), 35);
		await revokeCertificate(s.providerAdmin, s.certificate.id, 'Found ineligible after review', effective);
		expect(await lookupByCode(s.certificate.code)).toMatchObject({ status: 'valid', revokedOn: effective });
		expect(await lookupByCode(s.certificate.code, new Date(`${effective}T12:00:00Z`))).toMatchObject({
			status: 'revoked'
		});
	});

	it('an unknown but well-formed code is "unknown"; lookups are rate-limited per address', async () => {
		const { newVerificationCode } = await import('./code');
		const addr = ip();
		expect((await lookup(newVerificationCode(), addr)).kind).toBe('unknown');
		let last;
		for (let i = 0; i < 130; i++) last = await lookup(newVerificationCode(), addr);
		expect(last).toMatchObject({ kind: 'limited' });
	});

	it('lookups made together are counted one by one, as if made in turn, and each gets its own certificate', async () => {
		const { newVerificationCode } = await import('./code');
		const { VERIFY_LIMIT } = await import('./verification');
		const s = await issued();
		const busy = ip();
		// more than the limit at once from one address: the first limit − 1 are answered, the rest refused with a wait
		const burst = await Promise.all(
			Array.from({ length: VERIFY_LIMIT.limit + 5 }, () => lookup(newVerificationCode(), busy))
		);
		expect(burst.slice(0, VERIFY_LIMIT.limit - 1).every((r) => r.kind === 'unknown')).toBe(true);
		expect(burst.slice(VERIFY_LIMIT.limit - 1).every((r) => r.kind === 'limited' && r.retryAfter > 0)).toBe(true);
		const [row] = await db.$queryRaw<
			{ count: number }[]
		>`select count from rate_limits where key = ${'verify:' + busy}`;
		expect(row.count).toBe(VERIFY_LIMIT.limit); // counting stopped at the lock, as it does one by one
		// mixed in one batch: another address, a real code, a mistyped one and an unknown one, each answered for itself
		const chars = s.certificate.code.split('');
		chars[3] = chars[3] === 'A' ? 'B' : 'A';
		const [found, mistyped, limited, unknown] = await Promise.all([
			lookup(s.certificate.code, ip()),
			lookup(chars.join(''), ip()),
			lookup(s.certificate.code, busy),
			lookup(newVerificationCode(), ip())
		]);
		expect(found).toMatchObject({ kind: 'found', certificate: { holderName: 'Amélie Nguyễn-Ødegård' } });
		expect(mistyped.kind).toBe('mistyped');
		expect(limited.kind).toBe('limited'); // the busy address is still locked: no certificate for it
		expect(unknown.kind).toBe('unknown');
	});

	it("only the programme's provider may revoke", async () => {
		const s = await issued();
		const other = await setting();
		await expect(revokeCertificate(other.providerAdmin, s.certificate.id, 'not mine')).rejects.toMatchObject({
			status: 404
		});
		await expect(revokeCertificate(s.learner, s.certificate.id, 'my own')).rejects.toMatchObject({ status: 404 });
		expect((await db.certificate.findUniqueOrThrow({ where: { id: s.certificate.id } })).revokedAt).toBeNull();
	});

	it('a recognised programme renamed goes back to the regulator; its certificates keep the title they were issued under', async () => {
		const s = await issued();
		expect(s.certificate.programmeTitle).toBe('Gatekeeping short course');
		const edit = { ...base, autoIssue: false };
		// each of title, description, validity and scope sends it back, as a rules change does
		for (const change of [
			{ title: 'Renamed course' },
			{ description: 'Now about something else' },
			{ validityMonths: 60 },
			{ childVictims: true },
			{ competencies: ['CORE.CASE_MANAGEMENT'] }
		]) {
			await decideRecognition(s.regulator, { programmeId: s.p.id, decision: 'confirm', note: undefined }).catch(
				() => null
			);
			expect((await db.programme.findUniqueOrThrow({ where: { id: s.p.id } })).recognitionStatus).toBe('CONFIRMED');
			Object.assign(edit, change);
			expect(await updateProgramme(s.providerAdmin, s.p.id, { ...edit }), JSON.stringify(change)).toEqual({
				reconfirm: true
			});
			expect((await db.programme.findUniqueOrThrow({ where: { id: s.p.id } })).recognitionStatus).toBe('REQUESTED');
		}
		// the verify page and its JSON, the learner's list and the PDF: the title it was issued under
		expect((await lookupByCode(s.certificate.code))?.programme).toBe('Gatekeeping short course');
		const mine = await learnerOverview(s.learner.id);
		expect(mine.certificates.map((c) => c.programme.title)).toEqual(['Gatekeeping short course']);
		const c = await db.certificate.findUniqueOrThrow({
			where: { id: s.certificate.id },
			include: { programme: { include: { provider: true } } }
		});
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'credo-pdf-')), 'c.pdf');
		fs.writeFileSync(file, await certificatePdf(c));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		expect(text).toContain('Gatekeeping short course');
		expect(text).not.toContain('Renamed course');
		// a certificate written without a title (an import, a fixture) takes the programme's title of that moment
		const raw = await db.certificate.create({
			data: {
				jurisdictionId: s.j.id,
				programmeId: s.p.id,
				workerId: s.certificate.workerId,
				holderName: 'X',
				sequence: 9,
				code: newVerificationCode(),
				issuedOn: day('2026-03-01'),
				competencies: [],
				evidence: {}
			}
		});
		expect(raw.programmeTitle).toBe('Renamed course');
	});

	it('the PDF holds the name with accents, programme, recognition, code and verification URL as real text', async () => {
		const s = await issued();
		const c = await db.certificate.findUniqueOrThrow({
			where: { id: s.certificate.id },
			include: { programme: { include: { provider: true } } }
		});
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'credo-pdf-')), 'c.pdf');
		fs.writeFileSync(file, await certificatePdf(c));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		for (const expected of [
			'Amélie Nguyễn-Ødegård',
			'Gatekeeping short course',
			'GOV-7',
			formatVerificationCode(c.code),
			s.provider.name,
			'/verify/'
		])
			expect(text).toContain(expected);
	});

	it('the signed Open Badges credential validates against the official schema, verifies, fails when changed, reports revocation', async () => {
		const s = await issued();
		const credential = await credentialFor(s.certificate.id);
		expect(await credentialFor(s.certificate.id)).toEqual(credential); // stored: the same document every time
		const schema = JSON.parse(fs.readFileSync('tests/fixtures/ob3-achievementcredential.schema.json', 'utf8'));
		const ajv = new Ajv2019({ strict: false, allErrors: true });
		addFormats(ajv);
		const validate = ajv.compile(schema);
		expect(validate(credential), JSON.stringify(validate.errors)).toBe(true);
		// the secret key is stored sealed, never as multibase text
		const key = await db.issuerKey.findFirstOrThrow({ where: { organisationId: s.provider.id } });
		expect(key.sealedSecret.startsWith('v1.')).toBe(true);
		expect(JSON.stringify(credential)).not.toContain(key.sealedSecret);

		expect(await checkCredential(credential)).toMatchObject({ verified: true, status: 'valid' });
		const tampered = JSON.parse(JSON.stringify(credential));
		tampered.credentialSubject.identifier[0].identityHash =
			tampered.credentialSubject.identifier[0].identityHash.replace('A', 'B');
		expect(await checkCredential(tampered)).toMatchObject({ verified: false, status: null });
		await revokeCertificate(s.providerAdmin, s.certificate.id, 'issued by mistake');
		expect(await checkCredential(credential)).toMatchObject({ verified: true, status: 'revoked' });
		expect(await checkCredential({ hello: 'world' })).toMatchObject({ verified: false });
	});
});
