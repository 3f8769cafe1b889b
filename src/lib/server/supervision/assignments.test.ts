import { describe, expect, it } from 'vitest';
import { db } from '../db';
import { assign } from './assignments';
import { Forbidden } from '../errors';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from '../../../../tests/helpers/db';

describe('supervision assignments', () => {
	it('an ineligible or overloaded supervisor needs an explicit override, and who overrode it is recorded', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const supervisor = await makeUser();
		await db.supervisorProfile.create({
			data: {
				userId: supervisor.id,
				yearsExperience: 10,
				dedicated: false,
				selfDeclaredRegistered: false,
				courseEvidenceId: null
			}
		});
		const worker = await makeUser();
		const first = await assign(admin, {
			supervisorId: supervisor.id,
			superviseeId: worker.id,
			organisationId: org.id,
			startsOn: '2026-01-01',
			override: false
		});
		expect(first.created).toBeNull();
		expect(first.warnings).toEqual(['not-registered', 'no-course']);
		expect(await db.supervisionAssignment.count({ where: { superviseeId: worker.id } })).toBe(0);
		const second = await assign(admin, {
			supervisorId: supervisor.id,
			superviseeId: worker.id,
			organisationId: org.id,
			startsOn: '2026-01-01',
			override: true
		});
		expect(second.created?.overriddenById).toBe(admin.id);
		expect(second.created?.warnings).toEqual(['not-registered', 'no-course']);
		expect(
			await db.auditEvent.count({
				where: { action: 'supervision.assigned_with_override', subjectId: second.created!.id }
			})
		).toBe(1);
	});

	it('the ratio counts current supervisees: the seventh worker for a non-dedicated supervisor is over 1:6', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const supervisor = await makeUser();
		await db.supervisorProfile.create({
			data: {
				userId: supervisor.id,
				yearsExperience: 10,
				dedicated: false,
				selfDeclaredRegistered: true,
				courseEvidenceId: '00000000-0000-4000-8000-000000000009'
			}
		});
		for (let i = 0; i < 6; i++) {
			const w = await makeUser();
			const r = await assign(admin, {
				supervisorId: supervisor.id,
				superviseeId: w.id,
				organisationId: org.id,
				startsOn: '2026-01-01',
				override: true
			});
			expect(r.warnings).toEqual(['self-declared']);
		}
		const seventh = await assign(admin, {
			supervisorId: supervisor.id,
			superviseeId: (await makeUser()).id,
			organisationId: org.id,
			startsOn: '2026-01-01',
			override: false
		});
		expect(seventh.warnings).toEqual(['self-declared', 'ratio']);
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER' }])).id);
		await expect(
			assign(learner, {
				supervisorId: supervisor.id,
				superviseeId: learner.id,
				organisationId: org.id,
				startsOn: '2026-01-01',
				override: true
			})
		).rejects.toBeInstanceOf(Forbidden);
	});
});

describe('the regulator supervision report', () => {
	it('lists workers without confirmed supervision for N weeks (fewer in their first year) and supervisors over their ratio', async () => {
		const { supervisionReport } = await import('./assignments');
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const supervisor = await makeUser();
		const veteran = await makeUser();
		const newcomer = await makeUser();
		await db.workerProfile.create({
			data: {
				jurisdictionId: j.id,
				userId: veteran.id,
				givenName: 'V',
				familyName: 'V',
				employmentStart: new Date('2015-01-01')
			}
		});
		await db.workerProfile.create({
			data: {
				jurisdictionId: j.id,
				userId: newcomer.id,
				givenName: 'N',
				familyName: 'N',
				employmentStart: new Date('2026-06-01')
			}
		});
		for (const w of [veteran, newcomer]) {
			await db.supervisionAssignment.create({
				data: {
					supervisorId: supervisor.id,
					superviseeId: w.id,
					organisationId: org.id,
					jurisdictionId: j.id,
					startsOn: new Date('2026-01-01'),
					createdById: supervisor.id
				}
			});
		}
		// both last confirmed six weeks ago: over the first-year gap (4 weeks), within the general one (8 weeks)
		const s = await db.supervisionSession.create({
			data: {
				supervisorId: supervisor.id,
				jurisdictionId: j.id,
				date: new Date('2026-10-12'),
				minutes: 60,
				format: 'GROUP',
				functions: ['supportive'],
				attendees: {
					create: [
						{ superviseeId: veteran.id, status: 'CONFIRMED' },
						{ superviseeId: newcomer.id, status: 'CONFIRMED' }
					]
				}
			}
		});
		expect(s.id).toBeTruthy();
		const report = await supervisionReport(j.id, new Date('2026-11-23T10:00:00Z'));
		expect(report.gaps.map((g) => g.email)).toEqual([newcomer.email]);
		await db.supervisionSettings.update({ where: { jurisdictionId: j.id }, data: { ratioOther: 1 } });
		expect(
			(await supervisionReport(j.id, new Date('2026-11-23T10:00:00Z'))).over.map((o) => [o.email, o.load, o.ratio])
		).toEqual([[supervisor.email, 2, 1]]);
	});
});

describe('supervision course', () => {
	it('counts external evidence only once the regulator approved it', async () => {
		const { supervisorFacts } = await import('./assignments');
		const j = await makeJurisdiction();
		const regulator = await makeUser([{ role: 'REGULATOR', jurisdictionId: j.id }]);
		const provider = await makeUser();
		const supervisor = await makeUser();
		const entry = await db.cpdEntry.create({
			data: {
				userId: supervisor.id,
				jurisdictionId: j.id,
				source: 'EXTERNAL',
				activityType: 'in-person',
				status: 'APPROVED',
				title: 'Supervision course',
				activityDate: new Date('2026-03-01'),
				credits: 3,
				category: 'supervision',
				reviewedById: provider.id
			}
		});
		expect((await supervisorFacts(supervisor.id, j.id, false)).course).toBe(false);
		await db.cpdEntry.update({ where: { id: entry.id }, data: { reviewedById: regulator.id } });
		expect((await supervisorFacts(supervisor.id, j.id, false)).course).toBe(true);
	});
});
