// The administrator's home (issue 17): imports waiting for confirmation, failed and recent (each a link to its job
// page), the people (accounts, invitations not yet answered) and the possible duplicate worker records of each
// jurisdiction administered (the count /admin/jurisdictions/[code]/people shows, by its own query).
import type { SessionUser } from '../auth/session';
import { adminJurisdictions, isAdmin } from '../auth/scope';
import { db } from '../db';
import { importKind, type ImportStatus } from '../imports/run';
import '../imports/kinds';
import { possibleDuplicates } from '../people/people-review';
import { waitingInvitations } from '../people/invitations';

/** Jurisdictions a global administrator's home looks at for duplicates (each is a scan of its records). */
export const HOME_JURISDICTIONS = 10;
const RECENT = 5;
const FAILED_DAYS = 30;

export interface HomeImport {
	id: string;
	kind: string;
	status: ImportStatus;
	createdAt: Date;
	jurisdiction: string;
}

export interface AdminHome {
	global: boolean;
	imports: { waiting: HomeImport[]; failed: HomeImport[]; recent: HomeImport[] };
	/** every account (global administrators: the total /admin/users shows); null for a jurisdiction's administrator */
	accounts: number | null;
	/** the invitations waiting for an answer that /invite lists */
	invitations: number;
	duplicates: { code: string; name: string; total: number }[];
}

export async function adminHome(user: SessionUser, now = new Date()): Promise<AdminHome> {
	const ids = adminJurisdictions(user);
	const inScope = ids === null ? {} : { jurisdictionId: { in: ids } };
	const names = new Map(
		(
			await db.jurisdiction.findMany({
				where: ids === null ? {} : { id: { in: ids } },
				orderBy: { name: 'asc' },
				select: { id: true, code: true, name: true }
			})
		).map((j) => [j.id, j])
	);
	const jobs = (where: object, take: number) =>
		db.importJob
			.findMany({
				where: { ...inScope, ...where },
				orderBy: { createdAt: 'desc' },
				take,
				select: {
					id: true,
					kind: true,
					status: true,
					createdAt: true,
					jurisdictionId: true
				}
			})
			.then((rows) =>
				rows
					// only the imports this person may open (the job page asks the same of the kind)
					.filter((j) => importKind(j.kind)?.allowed(user, j.jurisdictionId))
					.map((j) => ({
						id: j.id,
						kind: j.kind,
						status: j.status as ImportStatus,
						createdAt: j.createdAt,
						jurisdiction: names.get(j.jurisdictionId)?.name ?? ''
					}))
			);
	const since = new Date(now.getTime() - FAILED_DAYS * 86_400_000);
	const [waiting, failed, recent, accounts, invitations] = await Promise.all([
		jobs({ status: 'ready' }, 50),
		jobs({ status: { in: ['failed', 'refused'] }, createdAt: { gte: since } }, 50),
		jobs({}, RECENT),
		isAdmin(user) ? db.user.count() : Promise.resolve(null),
		waitingInvitations(user, now, 0).then((w) => w.total)
	]);
	const duplicates = await Promise.all(
		[...names.values()]
			.slice(0, HOME_JURISDICTIONS)
			.map(async (j) => ({ code: j.code, name: j.name, total: (await possibleDuplicates(j.id)).total }))
	);
	return { global: ids === null, imports: { waiting, failed, recent }, accounts, invitations, duplicates };
}
