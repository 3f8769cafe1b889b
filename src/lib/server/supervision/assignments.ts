// Recording who supervises whom. Eligibility and load are checked against the jurisdiction's rules; a warning does not
// block, but the assignment then needs an explicit override, and who overrode it is recorded.
import { verifiedAccountsOrInvite } from '../people/verified-lookup';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { isAdmin } from '../auth/guards';
import { assignmentWarnings, type Warning } from './eligibility';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import { toDate, type CalendarDay } from '$lib/calendar-day';

export async function rulesFor(jurisdictionId: string) {
	return db.supervisionSettings.upsert({ where: { jurisdictionId }, create: { jurisdictionId }, update: {} });
}

/** The facts the rules look at: registration from the licence register (else self-declared), experience, course, load. */
export async function supervisorFacts(supervisorId: string, jurisdictionId: string, countStudents: boolean) {
	const supervisorModules = getContent()
		.modules.filter((mod) => mod.level === 'supervisor' && !mod.draft)
		.map((mod) => mod.id);
	const regulators = (
		await db.membership.findMany({ where: { role: 'REGULATOR', jurisdictionId }, select: { userId: true } })
	).map((r) => r.userId);
	const [profile, licence, load, course] = await Promise.all([
		db.supervisorProfile.findUnique({ where: { userId: supervisorId } }),
		db.licence.findFirst({
			where: { jurisdictionId, status: 'ACTIVE', worker: { userId: supervisorId } },
			select: { id: true }
		}),
		db.supervisionAssignment.count({
			where: {
				supervisorId,
				OR: [{ endsOn: null }, { endsOn: { gte: new Date() } }],
				...(countStudents
					? {}
					: {
							NOT: {
								superviseeId: {
									in: (await db.placement.findMany({ where: { supervisorId }, select: { studentId: true } })).map(
										(p) => p.studentId
									)
								}
							}
						})
			}
		}),
		// a supervision course: a passed Credo module at supervisor level, or external evidence the regulator approved
		db.cpdEntry.count({
			where: {
				userId: supervisorId,
				OR: [
					{ moduleId: { in: supervisorModules } },
					{
						source: 'EXTERNAL',
						status: 'APPROVED',
						reviewedById: { in: regulators },
						// the category the reviewer approved it in, else the one claimed
						OR: [{ approvedCategory: 'supervision' }, { approvedCategory: null, category: 'supervision' }]
					}
				]
			}
		})
	]);
	return {
		registered: licence
			? ('register' as const)
			: profile?.selfDeclaredRegistered
				? ('self-declared' as const)
				: ('no' as const),
		yearsExperience: profile?.yearsExperience ?? null,
		course: course > 0 || !!profile?.courseEvidenceId,
		dedicated: profile?.dedicated ?? false,
		load
	};
}

export async function checkAssignment(supervisorId: string, jurisdictionId: string): Promise<Warning[]> {
	const rules = await rulesFor(jurisdictionId);
	return assignmentWarnings(rules, await supervisorFacts(supervisorId, jurisdictionId, rules.studentsCount));
}

export async function assign(
	user: SessionUser,
	input: {
		supervisorId: string;
		superviseeId: string;
		organisationId: string;
		startsOn: CalendarDay;
		override: boolean;
	}
) {
	if (!isAdmin(user)) throw new Forbidden();
	if (input.supervisorId === input.superviseeId) throw new DomainError(m.practicum_self_supervision(), 400);
	const org = await db.organisation.findUnique({ where: { id: input.organisationId } });
	if (!org) throw new DomainError(m.field_choose(), 400, { organisationId: m.field_choose() });
	const warnings = await checkAssignment(input.supervisorId, org.jurisdictionId);
	if (warnings.length && !input.override) return { created: null, warnings };
	return db.$transaction(async (tx) => {
		const created = await tx.supervisionAssignment.create({
			data: {
				supervisorId: input.supervisorId,
				superviseeId: input.superviseeId,
				organisationId: org.id,
				jurisdictionId: org.jurisdictionId,
				startsOn: toDate(input.startsOn),
				warnings,
				overriddenById: warnings.length ? user.id : null,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: warnings.length ? 'supervision.assigned_with_override' : 'supervision.assigned',
			subjectType: 'supervision_assignment',
			subjectId: created.id,
			jurisdictionId: org.jurisdictionId,
			data: { warnings }
		});
		return { created, warnings };
	});
}

/** assign, naming both people by their email (as an admin types them); an address with no account is refused. */
export async function assignByEmail(
	user: SessionUser,
	input: {
		supervisorEmail: string;
		superviseeEmail: string;
		organisationId: string;
		startsOn: CalendarDay;
		override: boolean;
	},
	origin = process.env.ORIGIN ?? 'http://localhost:5173'
) {
	if (!isAdmin(user)) throw new Forbidden();
	// only accounts that proved the address; the others are invited (issue 15, item 6)
	const at = (role: 'LEARNER' | 'SUPERVISOR') => ({ role, organisationId: input.organisationId, jurisdictionId: null });
	const { supervisorEmail: supervisor, superviseeEmail: supervisee } = await verifiedAccountsOrInvite(
		user,
		{
			supervisorEmail: { address: input.supervisorEmail, grant: at('SUPERVISOR') },
			superviseeEmail: { address: input.superviseeEmail, grant: at('LEARNER') }
		},
		origin
	);
	const { organisationId, startsOn, override } = input;
	return assign(user, { supervisorId: supervisor.id, superviseeId: supervisee.id, organisationId, startsOn, override });
}

/** What a supervisor declared about themselves, or null before the first save. */
export function profileOf(userId: string) {
	return db.supervisorProfile.findUnique({ where: { userId } });
}

export const profileSchemaShape = { yearsExperience: 0, dedicated: false, selfDeclaredRegistered: false };

export async function saveProfile(
	userId: string,
	input: { yearsExperience: number; dedicated: boolean; selfDeclaredRegistered: boolean }
) {
	await db.supervisorProfile.upsert({ where: { userId }, create: { userId, ...input }, update: input });
	await audit(db, {
		actorId: userId,
		action: 'supervision.profile_saved',
		subjectType: 'user',
		subjectId: userId,
		data: input
	});
}

/** The regulator's report: workers without confirmed supervision for N weeks (fewer in their first year of practice),
 *  and supervisors over their ratio. Thresholds come from the jurisdiction's settings. */
export async function supervisionReport(jurisdictionId: string, now = new Date()) {
	const rules = await rulesFor(jurisdictionId);
	const [gaps, over] = await Promise.all([
		db.$queryRaw<{ name: string; email: string; last: Date | null; first_year: boolean }[]>`
			with supervised as (
				select a.supervisee_id, max(s.date) as last from session_attendees a join supervision_sessions s on s.id = a.session_id
				where a.status = 'CONFIRMED' and s.withdrawn_at is null group by a.supervisee_id)
			select u.name, u.email, sv.last, (w.employment_start is not null and w.employment_start > ${now}::date - 365) as first_year
			from supervision_assignments asg join users u on u.id = asg.supervisee_id
			left join worker_profiles w on w.user_id = u.id left join supervised sv on sv.supervisee_id = u.id
			where asg.jurisdiction_id = ${jurisdictionId}::uuid and (asg.ends_on is null or asg.ends_on >= ${now}::date)
				and (sv.last is null or sv.last < ${now}::date - 7 * (case when w.employment_start > ${now}::date - 365 then ${rules.gapWeeksFirstYear}::int else ${rules.gapWeeks}::int end))
			order by sv.last nulls first, u.name`,
		db.$queryRaw<{ name: string; email: string; load: number; ratio: number }[]>`
			select u.name, u.email, count(*)::int as load, (case when coalesce(p.dedicated, false) then ${rules.ratioDedicated}::int else ${rules.ratioOther}::int end) as ratio
			from supervision_assignments asg join users u on u.id = asg.supervisor_id left join supervisor_profiles p on p.user_id = u.id
			where asg.jurisdiction_id = ${jurisdictionId}::uuid and (asg.ends_on is null or asg.ends_on >= ${now}::date)
			group by u.id, u.name, u.email, p.dedicated
			having count(*) > (case when coalesce(p.dedicated, false) then ${rules.ratioDedicated}::int else ${rules.ratioOther}::int end)
			order by count(*) desc`
	]);
	return { rules, gaps, over };
}
