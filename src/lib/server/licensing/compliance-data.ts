// Loads what the compliance rule needs for licence cycles in a fixed number of queries, whatever the ledger size and
// however many licences are asked for at once (the cohort export asks for hundreds per batch).
import { db, type Db } from '../db';
import { compliance, type Entry, type LicenceState, type Verdict } from '../cpd/compliance';
import { dayOf, toDate } from '$lib/calendar-day';

export type CycleRow = {
	id: string;
	licenceId: string;
	startsOn: Date;
	endsOn: Date;
	first: boolean;
	leaveDays: number;
	outcome: string;
	graceUntil: Date | null;
	ruleId: string;
};
export type LicenceInfo = {
	id: string;
	number: string;
	status: string;
	jurisdictionId: string;
	issuedOn: Date;
	holderName: string;
	userId: string | null;
};
export type CycleState = { verdict: Verdict; cycle: CycleRow; licence: LicenceInfo };

type Json<T> = T | null;
interface Row {
	id: string;
	number: string;
	status: LicenceState;
	jurisdiction_id: string;
	issued_on: Date;
	holder_name: string;
	user_id: string | null;
	cycles: Json<
		{
			id: string;
			licenceId: string;
			startsOn: string;
			endsOn: string;
			first: boolean;
			leaveDays: number;
			outcome: string;
			graceUntil: string | null;
			ruleId: string;
			rule: {
				totalCredits: number;
				categoryMinimums: Record<string, number>;
				categoryCaps: Record<string, number>;
				selfReportedCounts: boolean;
				proRateFirstCycle: boolean;
				leaveReducesProRata: boolean;
				moduleRepeatCounts: boolean;
			};
		}[]
	>;
	entries: Json<
		{
			id: string;
			activityDate: string;
			credits: number;
			category: string;
			source: Entry['source'];
			status: Entry['status'];
			moduleId: string | null;
			providerOrgId: string | null;
		}[]
	>;
	module_acc: Json<{ moduleId: string; credits: number; category: string }[]>;
	provider_acc: Json<string[]>;
}

// `date` columns come out of json_build_object as "YYYY-MM-DD"
const asDate = (d: string) => toDate(dayOf(d));

/** Compliance for each licence: the given cycle (one id, or one per licence), or the current one (the latest that
 *  has started). One query: licences with their cycles and rules, the holders' ledgers and the accreditations; `from`
 *  is the client to read with (the export passes `replica`). */
export async function complianceOf(
	licenceIds: string[],
	pick?: string | Map<string, string>,
	now = new Date(),
	from: Db = db
): Promise<Map<string, CycleState>> {
	if (!licenceIds.length) return new Map();
	const rows = await from.$queryRaw<Row[]>`
		select l.id, l.number, l.status::text, l.jurisdiction_id, l.issued_on, l.holder_name, w.user_id,
			(select json_agg(json_build_object('id', c.id, 'licenceId', c.licence_id, 'startsOn', c.starts_on, 'endsOn', c.ends_on, 'first', c.first,
					'leaveDays', c.leave_days, 'outcome', c.outcome, 'graceUntil', c.grace_until, 'ruleId', c.rule_id,
					'rule', json_build_object('totalCredits', r.total_credits, 'categoryMinimums', r.category_minimums, 'categoryCaps', r.category_caps,
						'selfReportedCounts', r.self_reported_counts, 'proRateFirstCycle', r.pro_rate_first_cycle, 'leaveReducesProRata', r.leave_reduces_pro_rata,
						'moduleRepeatCounts', r.module_repeat_counts)) order by c.starts_on)
				from licence_cycles c join renewal_rules r on r.id = c.rule_id where c.licence_id = l.id) as cycles,
			(select json_agg(json_build_object('id', e.id, 'activityDate', e.activity_date, 'credits', e.credits, 'category', e.category, 'source', e.source,
					'status', e.status, 'moduleId', e.module_id, 'providerOrgId', e.provider_org_id))
				from cpd_entries e where e.user_id = w.user_id) as entries,
			(select json_agg(json_build_object('moduleId', a.module_id, 'credits', a.credits, 'category', a.category))
				from module_accreditations a where a.jurisdiction_id = l.jurisdiction_id and a.revoked_at is null) as module_acc,
			(select json_agg(p.organisation_id) from provider_accreditations p where p.jurisdiction_id = l.jurisdiction_id and p.revoked_at is null) as provider_acc
		from licences l left join worker_profiles w on w.id = l.worker_profile_id
		where l.id = any(${licenceIds}::uuid[])`;
	const licences = rows.map((l) => ({
		id: l.id,
		number: l.number,
		status: l.status,
		jurisdictionId: l.jurisdiction_id,
		issuedOn: l.issued_on,
		holderName: l.holder_name,
		worker: { userId: l.user_id },
		cycles: (l.cycles ?? []).map((c) => ({
			...c,
			startsOn: asDate(c.startsOn),
			endsOn: asDate(c.endsOn),
			graceUntil: c.graceUntil ? asDate(c.graceUntil) : null
		})),
		moduleAcc: l.module_acc ?? [],
		providerAcc: l.provider_acc ?? []
	}));
	// one ledger per holder (a holder of two licences comes back on two rows with the same entries)
	type LedgerEntry = Omit<NonNullable<Row['entries']>[number], 'activityDate'> & { activityDate: Date };
	const entriesOf = new Map<string, LedgerEntry[]>();
	for (const l of rows) {
		if (l.user_id && !entriesOf.has(l.user_id))
			entriesOf.set(
				l.user_id,
				(l.entries ?? []).map((e) => ({ ...e, activityDate: asDate(e.activityDate) }))
			);
	}
	const out = new Map<string, CycleState>();
	for (const licence of licences) {
		const cycleId = typeof pick === 'string' ? pick : pick?.get(licence.id);
		const cycle =
			(cycleId ? licence.cycles.find((c) => c.id === cycleId) : null) ??
			licence.cycles.findLast((c) => c.startsOn <= now) ??
			licence.cycles[0];
		if (!cycle) continue;
		const userId = licence.worker?.userId ?? null;
		const acc = new Map(
			licence.moduleAcc.map((a) => [a.moduleId, { credits: Number(a.credits), category: a.category }])
		);
		const providers = new Set(licence.providerAcc);
		const mine = userId ? (entriesOf.get(userId) ?? []) : [];
		const start = dayOf(cycle.startsOn);
		// in a grace period the cycle's window runs to the end of grace: catching up counts
		const end = dayOf(cycle.outcome === 'GRACE' && cycle.graceUntil ? cycle.graceUntil : cycle.endsOn);
		const firstStart = dayOf(licence.cycles[0].startsOn);
		const toEntry = (e: (typeof mine)[number]): Entry => ({
			id: e.id,
			activityDate: dayOf(e.activityDate),
			credits: Number(e.credits),
			category: e.category,
			source: e.source,
			status: e.status,
			moduleId: e.moduleId,
			accreditation: e.moduleId ? (acc.get(e.moduleId) ?? null) : undefined,
			providerAccredited: !!e.providerOrgId && providers.has(e.providerOrgId)
		});
		const r = cycle.rule;
		const verdict = compliance({
			rule: {
				totalCredits: Number(r.totalCredits),
				categoryMinimums: r.categoryMinimums as Record<string, number>,
				categoryCaps: r.categoryCaps as Record<string, number>,
				selfReportedCounts: r.selfReportedCounts,
				proRateFirstCycle: r.proRateFirstCycle,
				leaveReducesProRata: r.leaveReducesProRata,
				moduleRepeatCounts: r.moduleRepeatCounts
			},
			cycle: {
				startsOn: start,
				endsOn: end,
				first: cycle.first,
				leaveDays: cycle.leaveDays,
				licenceIssuedOn: dayOf(licence.issuedOn)
			},
			entries: mine.map(toEntry),
			licenceStatus: licence.status,
			modulesCountedBefore: mine
				.filter(
					(e) =>
						e.moduleId && acc.has(e.moduleId) && dayOf(e.activityDate) >= firstStart && dayOf(e.activityDate) < start
				)
				.map((e) => e.moduleId!)
		});
		out.set(licence.id, {
			verdict,
			cycle: {
				id: cycle.id,
				licenceId: cycle.licenceId,
				startsOn: cycle.startsOn,
				endsOn: cycle.endsOn,
				first: cycle.first,
				leaveDays: cycle.leaveDays,
				outcome: cycle.outcome,
				graceUntil: cycle.graceUntil,
				ruleId: cycle.ruleId
			},
			licence: {
				id: licence.id,
				number: licence.number,
				status: licence.status,
				jurisdictionId: licence.jurisdictionId,
				issuedOn: licence.issuedOn,
				holderName: licence.holderName,
				userId
			}
		});
	}
	return out;
}

export async function cycleCompliance(licenceId: string, cycleId?: string): Promise<CycleState | null> {
	return (await complianceOf([licenceId], cycleId)).get(licenceId) ?? null;
}

/** The API's question: this jurisdiction's licence by its number, and its current cycle's compliance; else null. */
export async function complianceByNumber(jurisdictionId: string, number: string): Promise<CycleState | null> {
	// a licence number is at most 64 characters and never holds a NUL (which PostgreSQL cannot compare): not found
	if (number.length > 64 || number.includes('\u0000')) return null;
	const licence = await db.licence.findUnique({
		where: { jurisdictionId_number: { jurisdictionId, number } },
		select: { id: true }
	});
	return licence ? cycleCompliance(licence.id) : null;
}
