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
		await db.supervisorProfile.create({ data: { userId: supervisor.id, yearsExperience: 10, dedicated: false, selfDeclaredRegistered: false, courseEvidenceId: null } });
		const worker = await makeUser();
		const first = await assign(admin, { supervisorId: supervisor.id, superviseeId: worker.id, organisationId: org.id, startsOn: '2026-01-01', override: false });
		expect(first.created).toBeNull();
		expect(first.warnings).toEqual(['not-registered', 'no-course']);
		expect(await db.supervisionAssignment.count({ where: { superviseeId: worker.id } })).toBe(0);
		const second = await assign(admin, { supervisorId: supervisor.id, superviseeId: worker.id, organisationId: org.id, startsOn: '2026-01-01', override: true });
		expect(second.created?.overriddenById).toBe(admin.id);
		expect(second.created?.warnings).toEqual(['not-registered', 'no-course']);
		expect(await db.auditEvent.count({ where: { action: 'supervision.assigned_with_override', subjectId: second.created!.id } })).toBe(1);
	});

	it('the ratio counts current supervisees: the seventh worker for a non-dedicated supervisor is over 1:6', async () => {
		const j = await makeJurisdiction();
		const org = await makeOrg(j.id, 'NGO');
		const admin = await sessionUserOf((await makeUser([{ role: 'ADMIN' }])).id);
		const supervisor = await makeUser();
		await db.supervisorProfile.create({ data: { userId: supervisor.id, yearsExperience: 10, dedicated: false, selfDeclaredRegistered: true, courseEvidenceId: '00000000-0000-4000-8000-000000000009' } });
		for (let i = 0; i < 6; i++) {
			const w = await makeUser();
			const r = await assign(admin, { supervisorId: supervisor.id, superviseeId: w.id, organisationId: org.id, startsOn: '2026-01-01', override: true });
			expect(r.warnings).toEqual(['self-declared']);
		}
		const seventh = await assign(admin, { supervisorId: supervisor.id, superviseeId: (await makeUser()).id, organisationId: org.id, startsOn: '2026-01-01', override: false });
		expect(seventh.warnings).toEqual(['self-declared', 'ratio']);
		const learner = await sessionUserOf((await makeUser([{ role: 'LEARNER' }])).id);
		await expect(assign(learner, { supervisorId: supervisor.id, superviseeId: learner.id, organisationId: org.id, startsOn: '2026-01-01', override: true })).rejects.toBeInstanceOf(Forbidden);
	});
});
