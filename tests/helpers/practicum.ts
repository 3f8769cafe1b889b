// A university's placement for tests: a coordinator, a student and a field supervisor of one university, an agreement
// with an agency, and a placement of 400 hours, its learning agreement signed by all three (unless `sign: false`).
import {
	createAgreement,
	createPlacement,
	placementSchema,
	signLearningAgreement
} from '../../src/lib/server/practicum/placements';
import { makeJurisdiction, makeOrg, makeUser, sessionUserOf } from './db';

export async function signedPlacement({ sign = true } = {}) {
	const j = await makeJurisdiction();
	const uni = await makeOrg(j.id, 'UNIVERSITY');
	const agency = await makeOrg(j.id, 'NGO');
	const coordinator = await sessionUserOf((await makeUser([{ role: 'COORDINATOR', organisationId: uni.id }])).id);
	const student = await sessionUserOf((await makeUser([{ role: 'LEARNER', organisationId: uni.id }])).id);
	const supervisor = await sessionUserOf((await makeUser([{ role: 'SUPERVISOR', organisationId: uni.id }])).id);
	const agreement = await createAgreement(
		coordinator,
		{ agencyId: agency.id, reference: `FPA-${j.code}`, startsOn: '2026-01-01', endsOn: '2026-12-31' },
		null
	);
	const placement = await createPlacement(
		coordinator,
		placementSchema().parse({
			agreementId: agreement.id,
			studentEmail: student.email,
			supervisorEmail: supervisor.email,
			startsOn: '2026-02-01',
			endsOn: '2026-10-31',
			requiredHours: '400',
			competencies: 'CORE.CASE_MANAGEMENT'
		})
	);
	if (sign)
		for (const [who, as] of [
			[student, 'student'],
			[supervisor, 'supervisor'],
			[coordinator, 'coordinator']
		] as const)
			await signLearningAgreement(who, placement.id, as);
	return { j, uni, agency, coordinator, student, supervisor, agreement, placement };
}
