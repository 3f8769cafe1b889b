// What each person sees of practicum: their placements, one placement's full log.
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { coordinatedUniversities, placementFor } from './placements';
import { settingsFor } from './hours';

export async function myPlacements(user: SessionUser) {
	return db.placement.findMany({
		where: { OR: [{ studentId: user.id }, { supervisorId: user.id }, { instructorId: user.id }] },
		orderBy: { startsOn: 'desc' },
		select: {
			id: true,
			status: true,
			startsOn: true,
			endsOn: true,
			studentId: true,
			agreement: { select: { reference: true } }
		}
	});
}

export async function placementView(user: SessionUser, id: string) {
	const found = await placementFor(user, id);
	if (!found) return null;
	const p = found.placement;
	const [people, agency, hours, settings] = await Promise.all([
		db.user.findMany({
			where: { id: { in: [p.studentId, p.supervisorId, ...(p.instructorId ? [p.instructorId] : [])] } },
			select: { id: true, name: true }
		}),
		db.organisation.findUniqueOrThrow({ where: { id: p.agencyId }, select: { name: true } }),
		db.practicumLog.findMany({ where: { placementId: p.id }, orderBy: [{ date: 'desc' }, { createdAt: 'desc' }] }),
		settingsFor(p.universityId)
	]);
	const name = new Map(people.map((u) => [u.id, u.name]));
	const sum = (s: string) => hours.filter((h) => h.status === s).reduce((t, h) => t + Number(h.hours), 0);
	return {
		roles: found.roles,
		agreementId: p.agreementId,
		settings,
		placement: {
			id: p.id,
			status: p.status,
			outcome: p.outcome,
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			requiredHours: Number(p.requiredHours),
			carried: Number(p.carriedHours),
			competencies: p.competencies,
			student: name.get(p.studentId),
			supervisor: name.get(p.supervisorId),
			instructor: p.instructorId ? name.get(p.instructorId) : null,
			agency: agency.name,
			signed: { student: p.studentSignedAt, supervisor: p.supervisorSignedAt, coordinator: p.coordinatorSignedAt }
		},
		totals: { approved: sum('APPROVED') + Number(p.carriedHours), pending: sum('PENDING'), rejected: sum('REJECTED') },
		hours: hours.map((h) => ({
			id: h.id,
			date: h.date,
			hours: Number(h.hours),
			activity: h.activity,
			competencies: h.competencies,
			status: h.status,
			comment: h.comment
		}))
	};
}

export function isCoordinator(user: SessionUser) {
	return coordinatedUniversities(user).length > 0;
}
