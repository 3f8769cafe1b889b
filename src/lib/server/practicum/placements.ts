// Agreements and placements, recorded by a university coordinator; the learning agreement signed by student, field
// supervisor and coordinator before any hours are logged.
import { verifiedAccountsOrInvite } from '../people/verified-lookup';
import { z } from 'zod';
import { db, type Db } from '../db';
import { audit } from '../audit/audit';
import { DomainError, Forbidden } from '../errors';
import type { SessionUser } from '../auth/session';
import { text, optionalText, email, uuid, calendarDay, idList } from '../forms/fields';
import { storeEvidence } from '../cpd/evidence';
import { getContent } from '../content';
import { m } from '$lib/paraglide/messages';
import { fromDate, toDate } from '$lib/calendar-day';
import { asLocale } from '$lib/labels';
import { formatDay } from '$lib/dates';
import { clearNotices, notify, noticeSubject } from '../people/notifications';
import { passRefusal } from './outcome';

const day = calendarDay;

/** The universities this person coordinates. */
export function coordinatedUniversities(user: SessionUser): string[] {
	return user.memberships
		.filter((mem) => mem.role === 'COORDINATOR' && mem.organisationId)
		.map((mem) => mem.organisationId!);
}

/** The agreements of the universities this person coordinates, newest first: what a new placement may cite. */
export function agreementsOf(user: SessionUser) {
	return db.fieldAgreement.findMany({
		where: { universityId: { in: coordinatedUniversities(user) } },
		orderBy: { createdAt: 'desc' },
		select: { id: true, reference: true, startsOn: true, endsOn: true }
	});
}

function universityOf(user: SessionUser): string {
	const u = coordinatedUniversities(user)[0];
	if (!u) throw new Forbidden();
	return u;
}

export const agreementSchema = z
	.object({ agencyId: uuid(), reference: text(100), startsOn: day(), endsOn: day() })
	.refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], error: () => m.practicum_end_before_start() });

export async function createAgreement(user: SessionUser, input: z.output<typeof agreementSchema>, file: File | null) {
	const universityId = universityOf(user);
	const [university, agency] = await Promise.all([
		db.organisation.findUniqueOrThrow({ where: { id: universityId } }),
		db.organisation.findFirst({ where: { id: input.agencyId, type: { in: ['GOVERNMENT_AGENCY', 'NGO'] } } })
	]);
	if (!agency) throw new DomainError(m.field_choose(), 400, { agencyId: m.field_choose() });
	if (
		await db.fieldAgreement.findUnique({
			where: { universityId_reference: { universityId, reference: input.reference } }
		})
	) {
		throw new DomainError(m.practicum_reference_taken(), 400, { reference: m.practicum_reference_taken() });
	}
	return db.$transaction(async (tx) => {
		const documentFileId = file
			? await storeEvidence(tx, { id: user.id, jurisdictionId: university.jurisdictionId }, file, 'document')
			: null;
		const a = await tx.fieldAgreement.create({
			data: {
				universityId,
				agencyId: agency.id,
				jurisdictionId: university.jurisdictionId,
				reference: input.reference,
				startsOn: toDate(input.startsOn),
				endsOn: toDate(input.endsOn),
				documentFileId,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.agreement_created',
			subjectType: 'field_agreement',
			subjectId: a.id,
			organisationId: universityId,
			jurisdictionId: university.jurisdictionId
		});
		return a;
	});
}

/** The fields posted once per ticked box. */
export const PLACEMENT_LISTS = ['competencies'] as const;

export function placementSchema() {
	const ids = new Set(getContent().framework.competencies.map((c) => c.id));
	return z
		.object({
			agreementId: uuid(),
			studentEmail: email(),
			supervisorEmail: email(),
			instructorEmail: optionalText(254),
			startsOn: day(),
			endsOn: day(),
			requiredHours: z.coerce
				.number({ error: () => m.field_number() })
				.gt(0, { error: () => m.practicum_required_hours() })
				.max(5000, { error: () => m.practicum_required_hours() }),
			competencies: idList()
				.refine((l) => l.length > 0, { error: () => m.practicum_competencies() })
				.refine((l) => l.every((c) => ids.has(c)), { error: () => m.practicum_competencies() })
		})
		.refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], error: () => m.practicum_end_before_start() });
}

export async function createPlacement(
	user: SessionUser,
	input: z.output<ReturnType<typeof placementSchema>>,
	origin = process.env.ORIGIN ?? 'http://localhost:5173'
) {
	const universityId = universityOf(user);
	const agreement = await db.fieldAgreement.findFirst({ where: { id: input.agreementId, universityId } });
	if (!agreement) throw new DomainError(m.field_choose(), 400, { agreementId: m.field_choose() });
	if (input.startsOn < fromDate(agreement.startsOn) || input.endsOn > fromDate(agreement.endsOn)) {
		throw new DomainError(m.practicum_outside_agreement(), 400, { endsOn: m.practicum_outside_agreement() });
	}
	// only accounts that proved the address: anyone may register under any address (issue 15, item 6); the others
	// are invited, and the form says so beside each field
	const at = (role: 'LEARNER' | 'SUPERVISOR') => ({ role, organisationId: universityId, jurisdictionId: null });
	const found = await verifiedAccountsOrInvite(
		user,
		{
			studentEmail: { address: input.studentEmail, grant: at('LEARNER') },
			supervisorEmail: { address: input.supervisorEmail, grant: at('SUPERVISOR') },
			instructorEmail: input.instructorEmail ? { address: input.instructorEmail, grant: at('SUPERVISOR') } : null
		},
		origin
	);
	const { studentEmail: student, supervisorEmail: supervisor } = found;
	const instructor = found.instructorEmail ?? null;
	if (student.id === supervisor.id)
		throw new DomainError(m.practicum_self_supervision(), 400, { supervisorEmail: m.practicum_self_supervision() });
	return db.$transaction(async (tx) => {
		const p = await tx.placement.create({
			data: {
				agreementId: agreement.id,
				universityId,
				agencyId: agreement.agencyId,
				jurisdictionId: agreement.jurisdictionId,
				studentId: student.id,
				supervisorId: supervisor.id,
				instructorId: instructor?.id ?? null,
				startsOn: toDate(input.startsOn),
				endsOn: toDate(input.endsOn),
				requiredHours: input.requiredHours,
				competencies: input.competencies,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.placement_created',
			subjectType: 'placement',
			subjectId: p.id,
			organisationId: universityId,
			jurisdictionId: agreement.jurisdictionId
		});
		// the student and the field supervisor are asked to sign the learning agreement (the coordinator made it)
		await askToSign(tx, p, student.name, [student.id, supervisor.id], origin);
		return p;
	});
}

/** Each of `signatoryIds` is asked, by a notice and a mail in their language, to sign a placement's learning agreement. */
export async function askToSign(
	tx: Db,
	placement: { id: string; startsOn: Date; endsOn: Date },
	studentName: string,
	signatoryIds: string[],
	origin: string
) {
	for (const person of await tx.user.findMany({
		where: { id: { in: signatoryIds } },
		select: { id: true, email: true, locale: true }
	})) {
		const locale = asLocale(person.locale);
		await notify(
			tx,
			person,
			{
				kind: 'agreement-sign',
				subject: noticeSubject.agreementSign(placement.id),
				title: m.wait_agreement_title({}, { locale }),
				body: m.wait_agreement_body(
					{
						student: studentName,
						from: formatDay(placement.startsOn, locale),
						to: formatDay(placement.endsOn, locale)
					},
					{ locale }
				),
				link: `/practicum/placements/${placement.id}#agreement`
			},
			origin
		);
	}
}

export type PlacementRole = 'student' | 'supervisor' | 'instructor' | 'coordinator';

/** How this person relates to the placement, or null: every read and write starts here. */
export async function placementFor(user: SessionUser, id: string) {
	const p = /^[0-9a-f-]{36}$/.test(id) ? await db.placement.findUnique({ where: { id } }) : null;
	if (!p) return null;
	const roles: PlacementRole[] = [];
	if (p.studentId === user.id) roles.push('student');
	if (p.supervisorId === user.id) roles.push('supervisor');
	if (p.instructorId === user.id) roles.push('instructor');
	if (coordinatedUniversities(user).includes(p.universityId)) roles.push('coordinator');
	return roles.length ? { placement: p, roles } : null;
}

/** Each of student, field supervisor and coordinator signs once; with all three the placement becomes active. */
export async function signLearningAgreement(
	user: SessionUser,
	placementId: string,
	as: 'student' | 'supervisor' | 'coordinator'
) {
	const found = await placementFor(user, placementId);
	if (!found) throw new DomainError(m.not_found(), 404);
	if (!found.roles.includes(as)) throw new Forbidden();
	const field =
		as === 'student' ? 'studentSignedAt' : as === 'supervisor' ? 'supervisorSignedAt' : 'coordinatorSignedAt';
	await db.$transaction(async (tx) => {
		await tx.placement.updateMany({ where: { id: placementId, [field]: null }, data: { [field]: new Date() } });
		await clearNotices(tx, noticeSubject.agreementSign(placementId), user.id);
		await tx.placement.updateMany({
			where: {
				id: placementId,
				status: 'PLANNED',
				studentSignedAt: { not: null },
				supervisorSignedAt: { not: null },
				coordinatorSignedAt: { not: null }
			},
			data: { status: 'ACTIVE' }
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.agreement_signed',
			subjectType: 'placement',
			subjectId: placementId,
			data: { as }
		});
	});
}

export const outcomeSchema = z.object({
	outcome: z.enum(['PASS', 'FAIL', 'INCOMPLETE'], { error: () => m.field_choose() })
});

/** What the outcome gate looks at: approved hours only grow and an evaluation is never taken back, so a PASS allowed
 *  when read stays allowed when written. */
async function outcomeFacts(placement: { id: string; requiredHours: unknown; carriedHours: unknown }) {
	const [approved, final] = await Promise.all([
		db.practicumLog.aggregate({ where: { placementId: placement.id, status: 'APPROVED' }, _sum: { hours: true } }),
		db.practicumEvaluation.count({ where: { placementId: placement.id, kind: 'FINAL' } })
	]);
	return {
		requiredHours: Number(placement.requiredHours),
		approvedHours: Number(approved._sum.hours ?? 0) + Number(placement.carriedHours),
		finalSubmitted: final > 0
	};
}

/** PASS needs the required hours approved and a final evaluation (passRefusal); FAIL and INCOMPLETE are always open. */
export async function recordOutcome(user: SessionUser, placementId: string, outcome: 'PASS' | 'FAIL' | 'INCOMPLETE') {
	const found = await placementFor(user, placementId);
	if (!found || !found.roles.includes('coordinator')) throw new Forbidden();
	if (outcome === 'PASS') {
		const refused = passRefusal(await outcomeFacts(found.placement));
		if (refused) throw new DomainError(refused, 409, { outcome: refused });
	}
	await db.$transaction(async (tx) => {
		await tx.placement.update({
			where: { id: placementId },
			data: {
				outcome,
				outcomeById: user.id,
				outcomeAt: new Date(),
				status: outcome === 'INCOMPLETE' ? found.placement.status : 'COMPLETED'
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.outcome',
			subjectType: 'placement',
			subjectId: placementId,
			data: { outcome }
		});
	});
}

export const endSchema = z.object({ reason: text(500) });

export async function endEarly(user: SessionUser, placementId: string, reason: string) {
	const found = await placementFor(user, placementId);
	if (!found || !found.roles.includes('coordinator')) throw new Forbidden();
	const { count } = await db.placement.updateMany({
		where: { id: placementId, status: { in: ['PLANNED', 'ACTIVE'] } },
		data: { status: 'ENDED_EARLY', transferReason: reason }
	});
	if (!count) throw new DomainError(m.practicum_not_open(), 409);
	await audit(db, {
		actorId: user.id,
		action: 'practicum.ended_early',
		subjectType: 'placement',
		subjectId: placementId,
		reason
	});
}

export const transferSchema = z
	.object({ agreementId: uuid(), supervisorEmail: email(), startsOn: day(), endsOn: day(), reason: text(500) })
	.refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], error: () => m.practicum_end_before_start() });

/** A transfer closes this placement and opens a new one that carries the approved hours over, with the reason. */
export async function transfer(
	user: SessionUser,
	placementId: string,
	input: z.output<typeof transferSchema>,
	origin = process.env.ORIGIN ?? 'http://localhost:5173'
) {
	const found = await placementFor(user, placementId);
	if (!found || !found.roles.includes('coordinator')) throw new Forbidden();
	const old = found.placement;
	const agreement = await db.fieldAgreement.findFirst({
		where: { id: input.agreementId, universityId: old.universityId }
	});
	if (!agreement) throw new DomainError(m.field_choose(), 400, { agreementId: m.field_choose() });
	const { supervisorEmail: supervisor } = await verifiedAccountsOrInvite(
		user,
		{
			supervisorEmail: {
				address: input.supervisorEmail,
				grant: { role: 'SUPERVISOR', organisationId: old.universityId, jurisdictionId: null }
			}
		},
		origin
	);
	return db.$transaction(async (tx) => {
		const approved = await tx.practicumLog.aggregate({
			where: { placementId, status: 'APPROVED' },
			_sum: { hours: true }
		});
		const { count } = await tx.placement.updateMany({
			where: { id: placementId, status: { in: ['PLANNED', 'ACTIVE'] } },
			data: { status: 'TRANSFERRED', transferReason: input.reason }
		});
		if (!count) throw new DomainError(m.practicum_not_open(), 409);
		const next = await tx.placement.create({
			data: {
				agreementId: agreement.id,
				universityId: old.universityId,
				agencyId: agreement.agencyId,
				jurisdictionId: agreement.jurisdictionId,
				studentId: old.studentId,
				supervisorId: supervisor.id,
				startsOn: toDate(input.startsOn),
				endsOn: toDate(input.endsOn),
				requiredHours: old.requiredHours,
				competencies: old.competencies,
				carriedHours: Number(old.carriedHours) + Number(approved._sum.hours ?? 0),
				transferredFromId: old.id,
				transferReason: input.reason,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'practicum.transferred',
			subjectType: 'placement',
			subjectId: placementId,
			reason: input.reason,
			data: { to: next.id, carried: Number(next.carriedHours) }
		});
		return next;
	});
}
