// The regulator's home (issue 17): the renewal queue by state, the licence claims and CPD activities to review, and
// the audit samples with items still to decide. Each count comes from the list page's own query, so it equals the
// rows that page shows.
import type { SessionUser } from '../auth/session';
import { pendingClaims, renewalQueue } from '../licensing/licences';
import { samples } from '../licensing/audits';
import { reviewQueue } from '../cpd/ledger';
import { queueCounts } from '../licensing/queue-filter';
import { db } from '../db';
import { modulesAwaitingAccreditation } from '../licensing/accreditation';
import { regulatorJurisdictions } from '../licensing/licences';

export interface RegulatorHome {
	/** the rows of /regulator/renewals, and how many of them each of its filters shows */
	queue: { total: number; open: number; grace: number; compliant: number };
	/** the pending licence claims listed on /regulator */
	claims: number;
	/** the external CPD activities listed on /cpd/review */
	activities: number;
	/** the rows of /regulator/audits, and how many of them still have an item to decide */
	audits: { total: number; open: number };
	/** modules whose current version waits for this regulator's accreditation (/regulator/accreditation) */
	accreditation: number;
}

export async function regulatorHome(user: SessionUser, now = new Date()): Promise<RegulatorHome> {
	const jurisdictionId = regulatorJurisdictions(user)[0];
	const [queue, claims, activities, drawn, accreditation] = await Promise.all([
		renewalQueue(user, now),
		pendingClaims(user),
		reviewQueue(user),
		samples(user),
		jurisdictionId ? modulesAwaitingAccreditation(jurisdictionId) : 0
	]);
	const undecided = drawn.length
		? await db.auditSampleItem.groupBy({
				by: ['sampleId'],
				where: { sampleId: { in: drawn.map((s) => s.id) }, status: { in: ['REQUESTED', 'SUBMITTED'] } }
			})
		: [];
	return {
		queue: { total: queue.length, ...queueCounts(queue) },
		claims: claims.length,
		activities: activities.length,
		audits: { total: drawn.length, open: undecided.length },
		accreditation
	};
}
