// Where a jurisdiction's set-up stands, for its task list: what each step holds so far, in counts (the page words
// them), and who administers it.
import { db } from '../db';
import type { OrganisationType } from '../generated/prisma/enums';

export async function setupStatus(jurisdictionId: string, now = new Date()) {
	const where = { jurisdictionId };
	const [levels, areas, orgs, years, workers, recorded, proposals, admins, invited] = await Promise.all([
		db.areaLevel.count({ where }),
		db.adminArea.count({ where }),
		db.organisation.groupBy({ by: ['type'], where, _count: { _all: true }, orderBy: { type: 'asc' } }),
		db.areaPopulation.findMany({ where, distinct: ['year'], select: { year: true }, orderBy: { year: 'asc' } }),
		db.workerProfile.count({ where }),
		db.certificate.count({ where: { ...where, source: 'RECORDED' } }),
		db.workerLinkProposal.count({ where: { ...where, status: 'open' } }),
		db.membership.findMany({
			where: { ...where, role: 'ADMIN' },
			orderBy: { createdAt: 'asc' },
			select: { id: true, createdAt: true, user: { select: { name: true, email: true } } }
		}),
		db.invitation.findMany({
			where: { ...where, role: 'ADMIN', acceptedAt: null, expiresAt: { gt: now } },
			orderBy: { createdAt: 'asc' },
			select: { id: true, email: true, expiresAt: true }
		})
	]);
	return {
		levels,
		areas,
		organisations: orgs.map((o) => ({ type: o.type as OrganisationType, count: o._count._all })),
		populationYears: years.map((y) => y.year),
		workers,
		/** certificates recorded from providers' records (past training) */
		recorded,
		openProposals: proposals,
		admins: admins.map((a) => ({ id: a.id, name: a.user.name, email: a.user.email, since: a.createdAt })),
		invited
	};
}

export type SetupStatus = Awaited<ReturnType<typeof setupStatus>>;
