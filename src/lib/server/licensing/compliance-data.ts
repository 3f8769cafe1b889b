// Loads what the compliance rule needs for licence cycles in a fixed number of queries, whatever the ledger size and
// however many licences are asked for at once (the cohort export asks for hundreds per batch).
import { db, type Db } from '../db';
import { Prisma } from '../generated/prisma/client';
import { hotPool, named } from '../hot/pool';
import { compliance, type Entry, type LicenceState, type Verdict } from '../cpd/compliance';
import { dayOf, toDate, type CalendarDay } from '$lib/calendar-day';
import { accreditationLookup } from './accreditation-periods';
import { exemptionEffect } from './exemptions';
import type { DecisionSnapshot } from './snapshots';
import { supervisionEntry } from '../cpd/supervision-entries';

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
export type RuleRow = {
	id: string;
	version: number;
	cadreKey: string;
	totalCredits: number;
	categoryMinimums: Record<string, number>;
	categoryCaps: Record<string, number>;
	activityCaps: Record<string, number>;
	activityRates: Record<string, number>;
	selfReportedCounts: boolean;
	proRateFirstCycle: boolean;
	leaveReducesProRata: boolean;
	moduleRepeatCounts: boolean;
};
/**
 * A cycle's compliance: `verdict` is computed now for a cycle still to decide, and is the verdict recorded at the
 * decision (`decided` set) for a renewed or lapsed one — a decided cycle never moves when a rule, an accreditation or an
 * entry changes later.
 */
export type CycleState = {
	verdict: Verdict;
	cycle: CycleRow;
	licence: LicenceInfo;
	rule: RuleRow;
	/** the compliance window: the cycle, to the end of grace while in grace */
	window: { from: CalendarDay; to: CalendarDay };
	decided: { at: string; snapshot: DecisionSnapshot } | null;
	/** the licence's exemptions that cover days of this cycle (their effect is in the verdict's factor or `waived`) */
	exemptionIds: string[];
};

type Json<T> = T | null;
interface Row {
	id: string;
	number: string;
	status: LicenceState;
	jurisdiction_id: string;
	/** "YYYY-MM-DD" (read as text: the two clients below parse dates differently) */
	issued_on: string;
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
			rule: Omit<RuleRow, 'id'>;
			/** the last final decision (renewed or lapsed) and what it rested on */
			decision: { at: string; snapshot: DecisionSnapshot } | null;
		}[]
	>;
	entries: Json<
		{
			id: string;
			activityDate: string;
			credits: number;
			category: string;
			activityType: string;
			hours: number | null;
			source: Entry['source'];
			status: Entry['status'];
			moduleId: string | null;
			providerOrgId: string | null;
			disallowed: boolean;
			/** a module completion's version terms (authoring/terms.ts); null before versions kept them, or not a module */
			versionTerms?: string | null;
		}[]
	>;
	/** confirmed supervision sessions: received (attended) and field instruction given (a placement's student attended) */
	sessions: Json<{ id: string; date: string; minutes: number; kind: 'received' | 'given' }[]>;
	module_acc: Json<
		{ moduleId: string; credits: number; category: string; from: string; to: string | null; terms: string | null }[]
	>;
	provider_acc: Json<{ organisationId: string; from: string; to: string | null }[]>;
	exemptions: Json<{ id: string; kind: 'WAIVER' | 'REDUCTION'; fromOn: string; toOn: string }[]>;
}

export interface ComplianceOptions {
	/**
	 * Accreditation as it was read before it had periods (every accreditation not ended counts whatever the activity's
	 * date): only to snapshot the cycles decided before the periods existed, as they were decided.
	 */
	legacyAccreditation?: boolean;
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
	from: Db = db,
	options: ComplianceOptions = {}
): Promise<Map<string, CycleState>> {
	if (!licenceIds.length) return new Map();
	const query = Prisma.sql`
		select l.id, l.number, l.status::text, l.jurisdiction_id, l.issued_on::text, l.holder_name, w.user_id,
			(select json_agg(json_build_object('id', c.id, 'licenceId', c.licence_id, 'startsOn', c.starts_on, 'endsOn', c.ends_on, 'first', c.first,
					'leaveDays', c.leave_days, 'outcome', c.outcome, 'graceUntil', c.grace_until, 'ruleId', c.rule_id,
					'rule', json_build_object('version', r.version, 'cadreKey', r.cadre_key, 'totalCredits', r.total_credits,
						'categoryMinimums', r.category_minimums, 'categoryCaps', r.category_caps,
						'activityCaps', r.activity_caps, 'activityRates', r.activity_rates,
						'selfReportedCounts', r.self_reported_counts, 'proRateFirstCycle', r.pro_rate_first_cycle, 'leaveReducesProRata', r.leave_reduces_pro_rata,
						'moduleRepeatCounts', r.module_repeat_counts),
					'decision', (select json_build_object('at', d.decided_at, 'snapshot', d.snapshot) from cycle_decisions d
						where d.cycle_id = c.id and d.outcome in ('RENEWED', 'LAPSED') order by d.decided_at desc limit 1)) order by c.starts_on)
				from licence_cycles c join renewal_rules r on r.id = c.rule_id where c.licence_id = l.id) as cycles,
			(select json_agg(json_build_object('id', e.id, 'activityDate', e.activity_date,
					'credits', coalesce(e.approved_credits, e.credits), 'category', coalesce(e.approved_category, e.category),
					'activityType', e.activity_type, 'hours', e.hours, 'source', e.source,
					'status', e.status, 'moduleId', e.module_id, 'providerOrgId', e.provider_org_id, 'disallowed', e.disallowed_at is not null,
					'versionTerms', v.terms))
				from cpd_entries e left join module_completions mc on mc.id = e.completion_id
					left join module_versions v on v.id = mc.module_version_id
				where e.user_id = w.user_id) as entries,
			(select json_agg(x) from (
				select s.id, s.date, s.minutes, 'received' as kind from session_attendees a
					join supervision_sessions s on s.id = a.session_id
					where a.supervisee_id = w.user_id and a.status = 'CONFIRMED' and s.withdrawn_at is null
				union all
				select s.id, s.date, s.minutes, 'given' from supervision_sessions s
					where s.supervisor_id = w.user_id and s.withdrawn_at is null and exists (
						select 1 from session_attendees a join placements p on p.student_id = a.supervisee_id
						where a.session_id = s.id and a.status = 'CONFIRMED' and p.supervisor_id = s.supervisor_id
							and s.date between p.starts_on and p.ends_on)) x) as sessions,
			(select json_agg(json_build_object('moduleId', a.module_id, 'credits', a.credits, 'category', a.category,
					'from', a.accredited_on, 'to', a.valid_to, 'terms', a.terms))
				from module_accreditations a where a.jurisdiction_id = l.jurisdiction_id) as module_acc,
			(select json_agg(json_build_object('organisationId', p.organisation_id, 'from', p.accredited_on, 'to', p.valid_to))
				from provider_accreditations p where p.jurisdiction_id = l.jurisdiction_id) as provider_acc,
			(select json_agg(json_build_object('id', x.id, 'kind', x.kind, 'fromOn', x.from_on, 'toOn', x.to_on))
				from licence_exemptions x where x.licence_id = l.id and x.revoked_at is null) as exemptions
		from licences l left join worker_profiles w on w.id = l.worker_profile_id
		where l.id = any(${licenceIds}::uuid[])`;
	// Planning this statement costs more than running it (2.2 ms against 0.8 ms for one worker on the national data):
	// outside a transaction it is a named statement of the hot pool, planned once per connection (hot/README.md)
	const rows =
		from === db
			? (await hotPool().query<Row>({ ...named('compliance', query.text), values: query.values })).rows
			: await from.$queryRaw<Row[]>(query);
	const licences = rows.map((l) => ({
		id: l.id,
		number: l.number,
		status: l.status,
		jurisdictionId: l.jurisdiction_id,
		issuedOn: asDate(l.issued_on),
		holderName: l.holder_name,
		worker: { userId: l.user_id },
		cycles: (l.cycles ?? []).map((c) => ({
			...c,
			startsOn: asDate(c.startsOn),
			endsOn: asDate(c.endsOn),
			graceUntil: c.graceUntil ? asDate(c.graceUntil) : null
		})),
		moduleAcc: l.module_acc ?? [],
		providerAcc: l.provider_acc ?? [],
		exemptions: (l.exemptions ?? []).map((x) => ({ ...x, fromOn: dayOf(x.fromOn), toOn: dayOf(x.toOn) }))
	}));
	// one ledger per holder (a holder of two licences comes back on two rows with the same entries)
	type LedgerEntry = Omit<NonNullable<Row['entries']>[number], 'activityDate'> & { activityDate: Date };
	const entriesOf = new Map<string, LedgerEntry[]>();
	for (const l of rows) {
		if (l.user_id && !entriesOf.has(l.user_id))
			entriesOf.set(l.user_id, [
				...(l.entries ?? []).map((e) => ({ ...e, activityDate: asDate(e.activityDate) })),
				...(l.sessions ?? []).map((x) => ({ ...supervisionEntry(x), activityDate: asDate(x.date) }))
			]);
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
		const start = dayOf(cycle.startsOn);
		// in a grace period the cycle's window runs to the end of grace: catching up counts
		const end = dayOf(cycle.outcome === 'GRACE' && cycle.graceUntil ? cycle.graceUntil : cycle.endsOn);
		const rule: RuleRow = {
			id: cycle.ruleId,
			version: cycle.rule.version,
			cadreKey: cycle.rule.cadreKey,
			totalCredits: Number(cycle.rule.totalCredits),
			categoryMinimums: cycle.rule.categoryMinimums as Record<string, number>,
			categoryCaps: cycle.rule.categoryCaps as Record<string, number>,
			activityCaps: cycle.rule.activityCaps as Record<string, number>,
			activityRates: cycle.rule.activityRates as Record<string, number>,
			selfReportedCounts: cycle.rule.selfReportedCounts,
			proRateFirstCycle: cycle.rule.proRateFirstCycle,
			leaveReducesProRata: cycle.rule.leaveReducesProRata,
			moduleRepeatCounts: cycle.rule.moduleRepeatCounts
		};
		const cycleRow: CycleRow = {
			id: cycle.id,
			licenceId: cycle.licenceId,
			startsOn: cycle.startsOn,
			endsOn: cycle.endsOn,
			first: cycle.first,
			leaveDays: cycle.leaveDays,
			outcome: cycle.outcome,
			graceUntil: cycle.graceUntil,
			ruleId: cycle.ruleId
		};
		const licenceInfo: LicenceInfo = {
			id: licence.id,
			number: licence.number,
			status: licence.status,
			jurisdictionId: licence.jurisdictionId,
			issuedOn: licence.issuedOn,
			holderName: licence.holderName,
			userId
		};
		const window = { from: start, to: end };
		// a decided cycle is what its decision recorded, whatever has changed since
		if (cycle.decision && !options.legacyAccreditation) {
			out.set(licence.id, {
				verdict: cycle.decision.snapshot.verdict,
				cycle: cycleRow,
				licence: licenceInfo,
				rule,
				window: cycle.decision.snapshot.window,
				decided: cycle.decision,
				exemptionIds: cycle.decision.snapshot.exemptionIds ?? []
			});
			continue;
		}
		const modulePeriods = licence.moduleAcc.map((a) => ({
			moduleId: a.moduleId,
			credits: Number(a.credits),
			category: a.category,
			from: dayOf(a.from),
			to: a.to ? dayOf(a.to) : null,
			terms: a.terms
		}));
		const providerPeriods = licence.providerAcc.map((a) => ({
			organisationId: a.organisationId,
			from: dayOf(a.from),
			to: a.to ? dayOf(a.to) : null
		}));
		// the accreditation in force on the activity's date (legacy: any not ended, whatever the date)
		const acc = accreditationLookup(modulePeriods, providerPeriods, options.legacyAccreditation);
		const mine = userId ? (entriesOf.get(userId) ?? []) : [];
		const firstStart = dayOf(licence.cycles[0].startsOn);
		const toEntry = (e: (typeof mine)[number]): Entry => {
			const day = dayOf(e.activityDate);
			return {
				id: e.id,
				activityDate: day,
				credits: Number(e.credits),
				category: e.category,
				activityType: e.activityType,
				hours: e.hours === null ? null : Number(e.hours),
				source: e.source,
				status: e.status,
				moduleId: e.moduleId,
				// a completion counts under an accreditation of its version's terms (issue 22)
				accreditation: e.moduleId ? acc.module(e.moduleId, day, e.versionTerms) : undefined,
				providerAccredited: !!e.providerOrgId && acc.provider(e.providerOrgId, day),
				disallowed: e.disallowed
			};
		};
		// what the other decided cycles of this licence counted is theirs (make-up credits of a grace cure one cycle)
		const countedEarlier = licence.cycles
			.filter((c) => c.id !== cycle.id && c.decision && !options.legacyAccreditation)
			.flatMap((c) => c.decision!.snapshot.verdict.entries.filter((e) => e.counted > 0).map((e) => e.id));
		// the licence's exemptions over the cycle's own days (not its grace)
		const exemption = exemptionEffect({ from: start, to: dayOf(cycle.endsOn) }, licence.exemptions);
		const verdict = compliance({
			rule,
			cycle: {
				startsOn: start,
				endsOn: dayOf(cycle.endsOn),
				countsUntil: end,
				first: cycle.first,
				leaveDays: cycle.leaveDays,
				licenceIssuedOn: dayOf(licence.issuedOn)
			},
			entries: mine.map(toEntry),
			licenceStatus: licence.status,
			modulesCountedBefore: mine
				.filter(
					(e) =>
						e.moduleId &&
						acc.module(e.moduleId, dayOf(e.activityDate), e.versionTerms) &&
						dayOf(e.activityDate) >= firstStart &&
						dayOf(e.activityDate) < start
				)
				.map((e) => e.moduleId!),
			countedEarlier,
			exemption
		});
		out.set(licence.id, {
			verdict,
			cycle: cycleRow,
			licence: licenceInfo,
			rule,
			window,
			decided: null,
			exemptionIds: exemption.ids
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
