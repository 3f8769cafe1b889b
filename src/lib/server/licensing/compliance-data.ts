// Loads what the compliance rule needs for one licence cycle in a fixed number of queries, whatever the ledger size.
import { db } from '../db';
import { compliance, type Entry, type Verdict } from '../cpd/compliance';
import { toDay } from '../cpd/dates';

export type CycleRow = { id: string; licenceId: string; startsOn: Date; endsOn: Date; first: boolean; leaveDays: number; outcome: string; graceUntil: Date | null; ruleId: string };

/** Verdict for a cycle. In a grace period the cycle's window runs to the end of grace (catching up counts). */
export async function cycleCompliance(licenceId: string, cycleId?: string): Promise<{ verdict: Verdict; cycle: CycleRow; licence: { id: string; number: string; status: string; jurisdictionId: string; issuedOn: Date; holderName: string; userId: string | null } } | null> {
	const licence = await db.licence.findUnique({
		where: { id: licenceId },
		select: { id: true, number: true, status: true, jurisdictionId: true, issuedOn: true, holderName: true, worker: { select: { userId: true } },
			cycles: { orderBy: { startsOn: 'asc' }, select: { id: true, licenceId: true, startsOn: true, endsOn: true, first: true, leaveDays: true, outcome: true, graceUntil: true, ruleId: true, rule: true } } }
	});
	if (!licence || !licence.cycles.length) return null;
	const cycle = (cycleId ? licence.cycles.find((c) => c.id === cycleId) : null) ?? licence.cycles.findLast((c) => c.startsOn <= new Date()) ?? licence.cycles[0];
	if (!cycle) return null;
	const userId = licence.worker?.userId ?? null;
	const start = toDay(cycle.startsOn);
	const end = toDay(cycle.outcome === 'GRACE' && cycle.graceUntil ? cycle.graceUntil : cycle.endsOn);
	const [entries, moduleAcc, providerAcc, earlier] = await Promise.all([
		userId ? db.cpdEntry.findMany({ where: { userId }, select: { id: true, activityDate: true, credits: true, category: true, source: true, status: true, moduleId: true, providerOrgId: true } }) : [],
		db.moduleAccreditation.findMany({ where: { jurisdictionId: licence.jurisdictionId, revokedAt: null }, select: { moduleId: true, credits: true, category: true } }),
		db.providerAccreditation.findMany({ where: { jurisdictionId: licence.jurisdictionId, revokedAt: null }, select: { organisationId: true } }),
		Promise.resolve(licence.cycles.filter((c) => c.startsOn < cycle.startsOn))
	]);
	const acc = new Map(moduleAcc.map((a) => [a.moduleId, { credits: Number(a.credits), category: a.category }]));
	const providers = new Set(providerAcc.map((p) => p.organisationId));
	const toEntry = (e: (typeof entries)[number]): Entry => ({
		id: e.id, activityDate: toDay(e.activityDate), credits: Number(e.credits), category: e.category, source: e.source, status: e.status,
		moduleId: e.moduleId, accreditation: e.moduleId ? (acc.get(e.moduleId) ?? null) : undefined, providerAccredited: !!e.providerOrgId && providers.has(e.providerOrgId)
	});
	const firstStart = earlier.length ? toDay(earlier[0].startsOn) : start;
	const modulesCountedBefore = entries.filter((e) => e.moduleId && acc.has(e.moduleId) && toDay(e.activityDate) >= firstStart && toDay(e.activityDate) < start).map((e) => e.moduleId!);
	const r = cycle.rule;
	const verdict = compliance({
		rule: {
			totalCredits: Number(r.totalCredits), categoryMinimums: r.categoryMinimums as Record<string, number>, categoryCaps: r.categoryCaps as Record<string, number>,
			selfReportedCounts: r.selfReportedCounts, proRateFirstCycle: r.proRateFirstCycle, leaveReducesProRata: r.leaveReducesProRata, moduleRepeatCounts: r.moduleRepeatCounts
		},
		cycle: { startsOn: start, endsOn: end, first: cycle.first, leaveDays: cycle.leaveDays, licenceIssuedOn: toDay(licence.issuedOn) },
		entries: entries.map(toEntry),
		licenceStatus: licence.status,
		modulesCountedBefore
	});
	return { verdict, cycle, licence: { id: licence.id, number: licence.number, status: licence.status, jurisdictionId: licence.jurisdictionId, issuedOn: licence.issuedOn, holderName: licence.holderName, userId } };
}
