// The people a coordinator may pick by typing part of a name on the placement forms (issue 16): the verified accounts
// holding a learner or supervisor role in the jurisdictions of the universities she coordinates, and everyone on those
// universities' placements. Each suggestion's value is the address the form posts; its label is the name.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { coordinatedUniversities } from './placements';

export interface PersonSuggestion {
	/** the address posted */
	value: string;
	/** the person's name ("Given Family") */
	label: string;
}

/** A datalist's worth: enough to find anyone in a university's region, not a directory dump. */
export const SUGGESTION_LIMIT = 500;

/** The people this coordinator works with, by name; none for anyone who coordinates no university. */
export async function peopleToSuggest(user: SessionUser, limit = SUGGESTION_LIMIT): Promise<PersonSuggestion[]> {
	const universities = coordinatedUniversities(user);
	if (!universities.length) return [];
	const jurisdictions = [
		...new Set(
			(await db.organisation.findMany({ where: { id: { in: universities } }, select: { jurisdictionId: true } })).map(
				(o) => o.jurisdictionId
			)
		)
	];
	const onPlacements = { universityId: { in: universities } };
	const people = await db.user.findMany({
		where: {
			id: { not: user.id },
			emailVerifiedAt: { not: null },
			disabledAt: null,
			erasedAt: null,
			OR: [
				{
					memberships: {
						some: {
							role: { in: ['LEARNER', 'SUPERVISOR'] },
							OR: [
								{ jurisdictionId: { in: jurisdictions } },
								{ organisation: { jurisdictionId: { in: jurisdictions } } }
							]
						}
					}
				},
				{ id: { in: await placementPeople(onPlacements) } }
			]
		},
		orderBy: [{ name: 'asc' }, { email: 'asc' }],
		select: { email: true, name: true },
		take: limit
	});
	return people.map((p) => ({ value: p.email, label: p.name }));
}

/** The students, field supervisors and instructors of these placements. */
async function placementPeople(where: { universityId: { in: string[] } }): Promise<string[]> {
	const rows = await db.placement.findMany({
		where,
		select: { studentId: true, supervisorId: true, instructorId: true }
	});
	return [...new Set(rows.flatMap((r) => [r.studentId, r.supervisorId, ...(r.instructorId ? [r.instructorId] : [])]))];
}
