// Each count of a home equals the length of the list its link opens, for the same person, on a small fixture.
import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { homeFor } from './index';
import { signedPlacement } from '../../../../tests/helpers/practicum';
import { makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';
import { logHours, signOffQueue } from '../practicum/hours';
import { filteredCohort } from '../practicum/cohort-view';
import { logSession, respond, superviseeOverview, supervisorOverview } from '../supervision/sessions';
import { reviewQueue } from '../cpd/ledger';
import { knownDay } from '$lib/calendar-day';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('the homes of the supervisor, coordinator, learner and provider', () => {
	it('supervisor: hours waiting equal the sign-off rows; disputed and unanswered sessions equal the page cards', async () => {
		const p = await signedPlacement();
		for (const date of ['2026-03-02', '2026-03-03'])
			await logHours(p.student, p.placement.id, {
				date: knownDay(date),
				hours: 4,
				activity: 'Home visits',
				competencies: ['CORE.CASE_MANAGEMENT']
			});
		const org = await makeOrg(p.j.id, 'NGO');
		const worker = await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: p.j.id }])).id);
		const other = await sessionUserOf((await makeUser([{ role: 'LEARNER', jurisdictionId: p.j.id }])).id);
		for (const s of [worker, other])
			await db.supervisionAssignment.create({
				data: {
					supervisorId: p.supervisor.id,
					superviseeId: s.id,
					organisationId: org.id,
					jurisdictionId: p.j.id,
					startsOn: new Date('2026-01-01'),
					createdById: p.supervisor.id
				}
			});
		const session = (who: string[]) =>
			logSession(p.supervisor, {
				date: knownDay('2026-05-10'),
				minutes: 60,
				format: 'GROUP',
				functions: ['educational'],
				privateNotes: undefined,
				supervisees: who
			});
		const disputed = await session([worker.id, other.id]);
		await respond(worker, disputed.id, 'dispute', 'Not that long');
		await session([other.id]);

		const home = (await homeFor(p.supervisor, NOW)).supervisor!;
		expect(home.hoursWaiting).toBe((await signOffQueue(p.supervisor)).length);
		expect(home.hoursWaiting).toBe(2);
		const cards = (await supervisorOverview(p.supervisor.id)).sessions;
		expect(home.sessionsDisputed).toBe(cards.filter((s) => s.attendees.some((a) => a.status === 'DISPUTED')).length);
		expect(home.sessionsDisputed).toBe(1);
		expect(home.sessionsUnanswered).toBe(2);
		expect(home.supervisees.map((s) => s.id).sort()).toEqual([worker.id, other.id].sort());
		expect(home.ratio?.max).toBeGreaterThan(0);

		// the supervisee's side: sessions to confirm equal the supervision page's list
		const learner = (await homeFor(other, NOW)).learner!;
		expect(learner.sessionsToConfirm).toBe((await superviseeOverview(other.id)).pending.length);
		expect(learner.sessionsToConfirm).toBe(2);
	});

	it('coordinator: each count equals the practicum page rows under its filter; the student sees the agreement to sign', async () => {
		const JULY = new Date('2026-07-01T12:00:00Z');
		const behind = await signedPlacement(); // active since February, nothing approved by July
		const home = (await homeFor(behind.coordinator, JULY)).coordinator!;
		for (const [count, filter] of [
			[home.behind, 'behind'],
			[home.unsigned, 'unsigned'],
			[home.evaluationsDue, 'evaluation-due']
		] as const)
			expect(count, filter).toBe((await filteredCohort(behind.coordinator, filter, JULY))!.length);
		expect(home.behind).toBe(1);
		expect(home.evaluationsDue).toBe(1); // past half way, no mid-term

		const unsigned = await signedPlacement({ sign: false });
		const c = (await homeFor(unsigned.coordinator, NOW)).coordinator!;
		expect(c.unsigned).toBe((await filteredCohort(unsigned.coordinator, 'unsigned', NOW))!.length);
		expect(c.unsigned).toBe(1);
		const student = (await homeFor(unsigned.student, NOW)).learner!;
		expect(student.toSign.map((x) => x.id)).toEqual([unsigned.placement.id]);
	});

	it('provider: claims to review equal the review page rows; only the roles held have a section', async () => {
		const p = await signedPlacement();
		const provider = await makeOrg(p.j.id, 'TRAINING_PROVIDER');
		const staff = await sessionUserOf((await makeUser([{ role: 'PROVIDER', organisationId: provider.id }])).id);
		await db.cpdEntry.create({
			data: {
				userId: p.student.id,
				jurisdictionId: p.j.id,
				providerOrgId: provider.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'PENDING',
				title: 'Workshop on case notes',
				activityDate: new Date('2026-03-01'),
				credits: 2,
				category: 'practice'
			}
		});
		const home = await homeFor(staff, NOW);
		expect(Object.keys(home)).toEqual(['provider', 'author']); // a provider admin also reviews modules (issue 22)
		expect(home.provider!.claimsToReview).toBe((await reviewQueue(staff)).length);
		expect(home.provider!.claimsToReview).toBe(1);
		expect(home.provider!.upcoming).toEqual([]);
		expect(Object.keys(await homeFor(p.supervisor, NOW))).toEqual(['supervisor']);
	});
});
