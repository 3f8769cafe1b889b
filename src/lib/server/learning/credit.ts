// Whether a pass adds a CPD ledger entry. A module credits a learner once — unless the renewal rule of the learner's
// licence lets a module count again in a later cycle and the last credit for it lies before the current cycle.
import type { Tx } from '../db';

export async function shouldCredit(tx: Tx, userId: string, moduleId: string, activityDate: Date): Promise<boolean> {
	// one learner's passes are decided one at a time, so two quick passes never credit twice
	await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`credit:${userId}:${moduleId}`}))`;
	const last = await tx.cpdEntry.findFirst({
		where: { userId, moduleId },
		orderBy: { activityDate: 'desc' },
		select: { activityDate: true }
	});
	if (!last) return true;
	const cycle = await tx.licenceCycle.findFirst({
		where: {
			licence: { worker: { userId }, status: 'ACTIVE' },
			startsOn: { lte: activityDate },
			endsOn: { gte: activityDate }
		},
		orderBy: { startsOn: 'desc' },
		select: { startsOn: true, rule: { select: { moduleRepeatCounts: true } } }
	});
	return !!cycle?.rule.moduleRepeatCounts && last.activityDate < cycle.startsOn;
}
