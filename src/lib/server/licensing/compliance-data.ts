// Loads what the compliance rule needs for licence cycles in a fixed number of queries, whatever the ledger size and
// however many licences are asked for at once (the cohort export asks for hundreds per batch).
import { db } from '../db';
import { compliance, type Entry, type Verdict } from '../cpd/compliance';
import { toDay } from '../cpd/dates';

export type CycleRow = { id: string; licenceId: string; startsOn: Date; endsOn: Date; first: boolean; leaveDays: number; outcome: string; graceUntil: Date | null; ruleId: string };
export type LicenceInfo = { id: string; number: string; status: string; jurisdictionId: string; issuedOn: Date; holderName: string; userId: string | null };
export type CycleState = { verdict: Verdict; cycle: CycleRow; licence: LicenceInfo };

const cycleSelect = { id: true, licenceId: true, startsOn: true, endsOn: true, first: true, leaveDays: true, outcome: true, graceUntil: true, ruleId: true, rule: true } as const;

/** Compliance for each licence: the given cycle (one id, or one per licence), or the current one (the latest that
 *  has started). */
export async function complianceOf(licenceIds: string[], pick?: string | Map<string, string>, now = new Date()): Promise<Map<string, CycleState>> {
	const licences = await db.licence.findMany({
		where: { id: { in: licenceIds } },
		select: { id: true, number: true, status: true, jurisdictionId: true, issuedOn: true, holderName: true, worker: { select: { userId: true } }, cycles: { orderBy: { startsOn: 'asc' }, select: cycleSelect } }
	});
	const userIds = [...new Set(licences.map((l) => l.worker?.userId).filter((u): u is string => !!u))];
	const jurisdictions = [...new Set(licences.map((l) => l.jurisdictionId))];
	const [entries, moduleAcc, providerAcc] = await Promise.all([
		userIds.length
			? db.cpdEntry.findMany({ where: { userId: { in: userIds } }, select: { id: true, userId: true, activityDate: true, credits: true, category: true, source: true, status: true, moduleId: true, providerOrgId: true } })
			: Promise.resolve([]),
		db.moduleAccreditation.findMany({ where: { jurisdictionId: { in: jurisdictions }, revokedAt: null }, select: { jurisdictionId: true, moduleId: true, credits: true, category: true } }),
		db.providerAccreditation.findMany({ where: { jurisdictionId: { in: jurisdictions }, revokedAt: null }, select: { jurisdictionId: true, organisationId: true } })
	]);
	const entriesOf = new Map<string, typeof entries>();
	for (const e of entries) (entriesOf.get(e.userId) ?? entriesOf.set(e.userId, []).get(e.userId)!).push(e);
	const out = new Map<string, CycleState>();
	for (const licence of licences) {
		const cycleId = typeof pick === 'string' ? pick : pick?.get(licence.id);
		const cycle = (cycleId ? licence.cycles.find((c) => c.id === cycleId) : null) ?? licence.cycles.findLast((c) => c.startsOn <= now) ?? licence.cycles[0];
		if (!cycle) continue;
		const userId = licence.worker?.userId ?? null;
		const acc = new Map(moduleAcc.filter((a) => a.jurisdictionId === licence.jurisdictionId).map((a) => [a.moduleId, { credits: Number(a.credits), category: a.category }]));
		const providers = new Set(providerAcc.filter((p) => p.jurisdictionId === licence.jurisdictionId).map((p) => p.organisationId));
		const mine = userId ? (entriesOf.get(userId) ?? []) : [];
		const start = toDay(cycle.startsOn);
		// in a grace period the cycle's window runs to the end of grace: catching up counts
		const end = toDay(cycle.outcome === 'GRACE' && cycle.graceUntil ? cycle.graceUntil : cycle.endsOn);
		const firstStart = toDay(licence.cycles[0].startsOn);
		const toEntry = (e: (typeof mine)[number]): Entry => ({
			id: e.id, activityDate: toDay(e.activityDate), credits: Number(e.credits), category: e.category, source: e.source, status: e.status,
			moduleId: e.moduleId, accreditation: e.moduleId ? (acc.get(e.moduleId) ?? null) : undefined, providerAccredited: !!e.providerOrgId && providers.has(e.providerOrgId)
		});
		const r = cycle.rule;
		const verdict = compliance({
			rule: {
				totalCredits: Number(r.totalCredits), categoryMinimums: r.categoryMinimums as Record<string, number>, categoryCaps: r.categoryCaps as Record<string, number>,
				selfReportedCounts: r.selfReportedCounts, proRateFirstCycle: r.proRateFirstCycle, leaveReducesProRata: r.leaveReducesProRata, moduleRepeatCounts: r.moduleRepeatCounts
			},
			cycle: { startsOn: start, endsOn: end, first: cycle.first, leaveDays: cycle.leaveDays, licenceIssuedOn: toDay(licence.issuedOn) },
			entries: mine.map(toEntry),
			licenceStatus: licence.status,
			modulesCountedBefore: mine.filter((e) => e.moduleId && acc.has(e.moduleId) && toDay(e.activityDate) >= firstStart && toDay(e.activityDate) < start).map((e) => e.moduleId!)
		});
		out.set(licence.id, {
			verdict,
			cycle: { id: cycle.id, licenceId: cycle.licenceId, startsOn: cycle.startsOn, endsOn: cycle.endsOn, first: cycle.first, leaveDays: cycle.leaveDays, outcome: cycle.outcome, graceUntil: cycle.graceUntil, ruleId: cycle.ruleId },
			licence: { id: licence.id, number: licence.number, status: licence.status, jurisdictionId: licence.jurisdictionId, issuedOn: licence.issuedOn, holderName: licence.holderName, userId }
		});
	}
	return out;
}

export async function cycleCompliance(licenceId: string, cycleId?: string): Promise<CycleState | null> {
	return (await complianceOf([licenceId], cycleId)).get(licenceId) ?? null;
}
