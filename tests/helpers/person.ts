// A person with rows in every table that holds personal data (for the data-export and erasure tests), in a
// jurisdiction of their own, with a field supervisor who writes private notes about their sessions.
import { randomUUID } from 'node:crypto';
import { db } from '../../src/lib/server/db';
import { createSession } from '../../src/lib/server/auth/session';
import { newVerificationCode } from '../../src/lib/server/certificates/code';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from './db';
import { day, makeRule, PDF } from './licensing';

export async function personWithEverything(tag = randomUUID().slice(0, 8)) {
	const j = await makeJurisdiction();
	const rule = await makeRule(j.id);
	const uni = await makeOrg(j.id, 'UNIVERSITY');
	const agency = await makeOrg(j.id, 'NGO');
	const provider = await makeOrg(j.id, 'TRAINING_PROVIDER');
	const name = `Zebedee Quillfeather ${tag}`;
	const base = await makeUser([{ role: 'LEARNER', jurisdictionId: j.id }]);
	const user = await db.user.update({ where: { id: base.id }, data: { name } });
	const email = user.email;
	const supervisor = await makeUser([{ role: 'SUPERVISOR', organisationId: agency.id }]);
	const providerAdmin = await makeUser([{ role: 'PROVIDER', organisationId: provider.id }]);
	const nationalId = `NW-${tag}`;

	const worker = await db.workerProfile.create({
		data: {
			jurisdictionId: j.id,
			userId: user.id,
			givenName: 'Zebedee',
			familyName: `Quillfeather ${tag}`,
			email,
			sex: 'FEMALE',
			cadre: 'PROF_SW',
			sector: 'GOVERNMENTAL',
			educationLevel: 'BACHELOR',
			employmentStart: day('2020-01-01'),
			cpFrom: day('2020-01-01'),
			organisationId: agency.id,
			identifiers: { create: [{ jurisdictionId: j.id, kind: 'NATIONAL_WORKER_ID', value: nationalId }] }
		}
	});
	const licence = await db.licence.create({
		data: {
			jurisdictionId: j.id,
			number: `L-${tag}`,
			holderName: name,
			workerProfileId: worker.id,
			issuedOn: day('2020-01-01')
		}
	});
	await db.licenceCycle.create({
		data: {
			licenceId: licence.id,
			jurisdictionId: j.id,
			ruleId: rule.id,
			startsOn: day('2026-01-01'),
			endsOn: day('2026-12-31')
		}
	});
	await db.licenceClaim.create({ data: { licenceId: licence.id, userId: user.id } });

	const file = await db.evidenceFile.create({
		data: {
			ownerId: user.id,
			jurisdictionId: j.id,
			filename: `${name} attendance.pdf`,
			contentType: 'application/pdf',
			size: PDF.length,
			sha256: 'x'.repeat(64),
			data: PDF
		}
	});
	const entry = await db.cpdEntry.create({
		data: {
			userId: user.id,
			jurisdictionId: j.id,
			source: 'EXTERNAL',
			activityType: 'in-person',
			status: 'APPROVED',
			title: `Workshop ${tag}`,
			providerName: 'Somewhere',
			activityDate: day('2026-03-01'),
			credits: 2,
			category: 'ethics',
			evidenceFileId: file.id
		}
	});

	const version = await db.moduleVersion.create({
		data: {
			moduleId: `mod-${tag}`,
			version: '1.0.0',
			contentHash: `hash-${tag}-${randomUUID()}`,
			title: `Module ${tag}`,
			track: 'core',
			level: 'generalist',
			competencies: ['CORE.ETHICS'],
			credits: 1,
			creditCategory: 'ethics',
			providerSlug: provider.slug,
			passMark: 70
		}
	});
	const attempt = await db.assessmentAttempt.create({
		data: {
			userId: user.id,
			moduleId: version.moduleId,
			moduleVersionId: version.id,
			jurisdictionId: j.id,
			questionIds: ['q1'],
			answers: { q1: 'a' },
			score: 100,
			passed: true,
			submittedAt: new Date()
		}
	});
	const completion = await db.moduleCompletion.create({
		data: {
			userId: user.id,
			moduleId: version.moduleId,
			moduleVersionId: version.id,
			attemptId: attempt.id,
			jurisdictionId: j.id,
			score: 100
		}
	});
	await db.competencyEvidence.create({
		data: {
			userId: user.id,
			jurisdictionId: j.id,
			competencyId: 'CORE.ETHICS',
			level: 'generalist',
			source: 'MODULE_COMPLETION',
			sourceId: completion.id,
			completionId: completion.id
		}
	});

	const programme = await db.programme.create({
		data: {
			jurisdictionId: j.id,
			providerId: provider.id,
			code: `P-${tag}`,
			title: `Programme ${tag}`,
			competencies: [],
			createdById: providerAdmin.id,
			recognitionStatus: 'CONFIRMED',
			childProtection: true,
			childVictims: true
		}
	});
	const certificate = await db.certificate.create({
		data: {
			jurisdictionId: j.id,
			programmeId: programme.id,
			userId: user.id,
			workerId: worker.id,
			holderName: name,
			sequence: 1,
			code: newVerificationCode(),
			issuedOn: day('2026-02-01'),
			competencies: ['CORE.ETHICS'],
			evidence: { modules: [] },
			credential: { credentialSubject: { name } }
		}
	});
	const event = await db.trainingEvent.create({
		data: {
			programmeId: programme.id,
			jurisdictionId: j.id,
			title: `Event ${tag}`,
			mode: 'IN_PERSON',
			startsOn: day('2026-01-10'),
			endsOn: day('2026-01-11'),
			sessionDays: [day('2026-01-10'), day('2026-01-11')],
			facilitators: [],
			createdById: providerAdmin.id
		}
	});
	await db.eventParticipant.create({ data: { eventId: event.id, workerId: worker.id } });
	await db.attendanceMark.create({
		data: {
			eventId: event.id,
			workerId: worker.id,
			day: day('2026-01-10'),
			present: true,
			recordedById: providerAdmin.id
		}
	});

	const agreement = await db.fieldAgreement.create({
		data: {
			universityId: uni.id,
			agencyId: agency.id,
			jurisdictionId: j.id,
			reference: `FA-${tag}`,
			startsOn: day('2026-01-01'),
			endsOn: day('2026-12-31'),
			createdById: providerAdmin.id
		}
	});
	const placement = await db.placement.create({
		data: {
			agreementId: agreement.id,
			universityId: uni.id,
			agencyId: agency.id,
			jurisdictionId: j.id,
			studentId: user.id,
			supervisorId: supervisor.id,
			startsOn: day('2026-01-01'),
			endsOn: day('2026-06-30'),
			requiredHours: 100,
			status: 'ACTIVE',
			competencies: ['CORE.ETHICS'],
			createdById: providerAdmin.id
		}
	});
	await db.practicumLog.create({
		data: {
			placementId: placement.id,
			jurisdictionId: j.id,
			date: day('2026-02-02'),
			hours: 4,
			activity: `Home visit ${tag}`,
			competencies: [],
			status: 'APPROVED'
		}
	});
	await db.practicumEvaluation.create({
		data: {
			placementId: placement.id,
			kind: 'MIDTERM',
			ratings: { 'CORE.ETHICS': { rating: 4, comment: 'good' } },
			submittedById: supervisor.id,
			studentResponse: `I, ${name}, agree`
		}
	});

	await db.supervisionAssignment.create({
		data: {
			supervisorId: supervisor.id,
			superviseeId: user.id,
			organisationId: agency.id,
			jurisdictionId: j.id,
			startsOn: day('2026-01-01'),
			warnings: [],
			createdById: supervisor.id
		}
	});
	const privateNotes = `PRIVATE-NOTE-${tag}`;
	const session = await db.supervisionSession.create({
		data: {
			supervisorId: supervisor.id,
			jurisdictionId: j.id,
			date: day('2026-02-10'),
			minutes: 60,
			format: 'INDIVIDUAL',
			functions: ['supportive'],
			privateNotes
		}
	});
	await db.sessionAttendee.create({
		data: { sessionId: session.id, superviseeId: user.id, status: 'DISPUTED', disputeNote: `${name} was not there` }
	});
	await db.supervisorProfile.create({ data: { userId: user.id, yearsExperience: 4 } });

	const sample = await db.auditSample.create({
		data: {
			jurisdictionId: j.id,
			percent: 10,
			windowStart: day('2026-01-01'),
			windowEnd: day('2026-12-31'),
			seed: 'seed',
			population: [licence.id],
			request: 'Send evidence',
			createdById: providerAdmin.id
		}
	});
	await db.auditSampleItem.create({
		data: {
			sampleId: sample.id,
			licenceId: licence.id,
			cycleId: (await db.licenceCycle.findFirstOrThrow({ where: { licenceId: licence.id } })).id,
			status: 'SUBMITTED',
			response: `Here you are, ${name}`
		}
	});

	await db.notification.create({ data: { userId: user.id, kind: 'test', title: `Hello ${name}`, body: 'Welcome' } });
	// a notice to someone else that names this person
	const mention = await db.notification.create({
		data: { userId: supervisor.id, kind: 'test', title: 'Hours logged', body: `${name} logged hours (${email}).` }
	});
	await db.outboxMessage.create({ data: { to: email, subject: `Hello ${name}`, text: 'Welcome', kind: 'test' } });
	await db.invitation.create({
		data: {
			tokenHash: randomUUID(),
			email,
			role: 'SUPERVISOR',
			organisationId: agency.id,
			invitedById: supervisor.id,
			expiresAt: new Date(Date.now() + 86_400_000)
		}
	});
	await db.emailToken.create({
		data: { id: randomUUID(), userId: user.id, purpose: 'RESET_PASSWORD', expiresAt: new Date(Date.now() + 86_400_000) }
	});
	const signIn = await createSession(user.id);
	await db.privacyConsent.create({ data: { userId: user.id, noticeVersion: 'test-1' } });
	await db.auditEvent.create({
		data: { actorId: user.id, action: 'test.acted', subjectType: 'cpd_entry', subjectId: entry.id }
	});
	await db.auditEvent.create({
		data: { actorId: supervisor.id, action: 'test.about', subjectType: 'user', subjectId: user.id }
	});

	return {
		tag,
		j,
		uni,
		agency,
		provider,
		user,
		name,
		email,
		nationalId,
		supervisor,
		worker,
		licence,
		file,
		entry,
		certificate,
		programme,
		placement,
		session,
		privateNotes,
		mention,
		signIn,
		learner: await sessionUserOf(user.id)
	};
}
