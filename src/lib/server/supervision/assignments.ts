// Recording who supervises whom. Eligibility and load are checked against the jurisdiction's rules; a warning does not
// block, but the assignment then needs an explicit override, and who overrode it is recorded.
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { assignmentWarnings, type Warning } from './eligibility';
import { m } from '$lib/paraglide/messages';

export async function rulesFor(jurisdictionId: string) {
	return db.supervisionSettings.upsert({ where: { jurisdictionId }, create: { jurisdictionId }, update: {} });
}

/** The facts the rules look at: registration from the licence register (else self-declared), experience, course, load. */
export async function supervisorFacts(supervisorId: string, jurisdictionId: string, countStudents: boolean) {
	const [profile, licence, load] = await Promise.all([
		db.supervisorProfile.findUnique({ where: { userId: supervisorId } }),
		db.licence.findFirst({ where: { jurisdictionId, status: 'ACTIVE', worker: { userId: supervisorId } }, select: { id: true } }),
		db.supervisionAssignment.count({
			where: { supervisorId, OR: [{ endsOn: null }, { endsOn: { gte: new Date() } }], ...(countStudents ? {} : { NOT: { superviseeId: { in: (await db.placement.findMany({ where: { supervisorId }, select: { studentId: true } })).map((p) => p.studentId) } } }) }
		})
	]);
	return {
		registered: licence ? ('register' as const) : profile?.selfDeclaredRegistered ? ('self-declared' as const) : ('no' as const),
		yearsExperience: profile?.yearsExperience ?? null,
		course: !!profile?.courseEvidenceId,
		dedicated: profile?.dedicated ?? false,
		load
	};
}

export async function checkAssignment(supervisorId: string, jurisdictionId: string): Promise<Warning[]> {
	const rules = await rulesFor(jurisdictionId);
	return assignmentWarnings(rules, await supervisorFacts(supervisorId, jurisdictionId, rules.studentsCount));
}

export async function assign(user: SessionUser, input: { supervisorId: string; superviseeId: string; organisationId: string; startsOn: string; override: boolean }) {
	if (!isAdmin(user)) throw new Forbidden();
	if (input.supervisorId === input.superviseeId) throw new DomainError(m.practicum_self_supervision(), 400);
	const org = await db.organisation.findUnique({ where: { id: input.organisationId } });
	if (!org) throw new DomainError(m.field_choose(), 400, { organisationId: m.field_choose() });
	const warnings = await checkAssignment(input.supervisorId, org.jurisdictionId);
	if (warnings.length && !input.override) return { created: null, warnings };
	return db.$transaction(async (tx) => {
		const created = await tx.supervisionAssignment.create({
			data: {
				supervisorId: input.supervisorId, superviseeId: input.superviseeId, organisationId: org.id, jurisdictionId: org.jurisdictionId,
				startsOn: new Date(`${input.startsOn}T00:00:00Z`), warnings, overriddenById: warnings.length ? user.id : null, createdById: user.id
			}
		});
		await audit(tx, { actorId: user.id, action: warnings.length ? 'supervision.assigned_with_override' : 'supervision.assigned', subjectType: 'supervision_assignment', subjectId: created.id, jurisdictionId: org.jurisdictionId, data: { warnings } });
		return { created, warnings };
	});
}
