// Decision snapshots (issue 18): each renewal decision keeps what it rested on — the rule version, the window, the
// verdict with every entry and how it counted, and the entries as they read then — so that a decided cycle is shown
// and defended from its record, never recomputed from records that changed since.
import { db, type Db } from '../db';
import type { Verdict } from '../cpd/compliance';
import type { CalendarDay } from '$lib/calendar-day';
import { fromDate } from '$lib/calendar-day';
import { complianceOf, type CycleState, type RuleRow } from './compliance-data';
import { ledgerIds, sessionsOf, type SupervisionRef } from './supervision-entries';

export interface SnapshotEntry {
	id: string;
	title: string;
	activityDate: CalendarDay;
	/** as claimed; the verdict says how much counted */
	credits: number;
	category: string;
	/** how it was delivered and the hours stated (absent in snapshots taken before activity types) */
	activityType?: string;
	hours?: number | null;
	/** what a reviewer approved, when less or another category than claimed */
	approvedCredits: number | null;
	approvedCategory: string | null;
	reviewReason: string | null;
	source: string;
	status: string;
	providerName: string | null;
	evidenceFileId: string | null;
}

export interface DecisionSnapshot {
	takenAt: string;
	rule: RuleRow;
	window: { from: CalendarDay; to: CalendarDay };
	verdict: Verdict;
	entries: SnapshotEntry[];
	/** the exemptions of the licence that applied (absent in snapshots taken before exemptions existed) */
	exemptionIds?: string[];
	/** the supervision sessions behind its derived entries, as they were (absent before supervision earned CPD) */
	sessions?: SupervisionRef[];
}

/** The snapshot of a cycle's compliance as it stands (read in `tx`, the decision's own transaction). */
export async function snapshotOf(tx: Db, state: CycleState, now = new Date()): Promise<DecisionSnapshot> {
	const rows = await tx.cpdEntry.findMany({
		// supervision entries are no cpd_entries rows: the sessions they come from are kept beside them
		where: { id: { in: ledgerIds(state.verdict.entries.map((e) => e.id)) } },
		select: {
			id: true,
			title: true,
			activityDate: true,
			credits: true,
			category: true,
			activityType: true,
			hours: true,
			approvedCredits: true,
			approvedCategory: true,
			reviewReason: true,
			source: true,
			status: true,
			providerName: true,
			evidenceFileId: true
		}
	});
	return {
		takenAt: now.toISOString(),
		rule: state.rule,
		window: state.window,
		verdict: state.verdict,
		exemptionIds: state.exemptionIds,
		sessions: await sessionsOf(
			tx,
			state.verdict.entries.map((e) => e.id)
		),
		entries: rows.map((e) => ({
			...e,
			activityDate: fromDate(e.activityDate),
			credits: Number(e.credits),
			hours: e.hours === null ? null : Number(e.hours),
			approvedCredits: e.approvedCredits === null ? null : Number(e.approvedCredits)
		}))
	};
}

/**
 * Cycles renewed or lapsed before decisions kept snapshots get one, taken from the records as they were read then
 * (accreditation without periods), marked as backfilled. Idempotent; run as the server starts.
 */
export async function snapshotDecidedCycles(limit = 500): Promise<number> {
	let done = 0;
	for (let progress = true; progress;) {
		progress = false;
		const cycles = await db.licenceCycle.findMany({
			where: { outcome: { in: ['RENEWED', 'LAPSED'] }, decisions: { none: {} } },
			select: { id: true, licenceId: true, outcome: true, decidedAt: true, decidedById: true, decisionReason: true },
			take: limit
		});
		if (!cycles.length) break;
		const states = await complianceOf(
			cycles.map((c) => c.licenceId),
			new Map(cycles.map((c) => [c.licenceId, c.id])),
			new Date(),
			db,
			{ legacyAccreditation: true }
		);
		for (const c of cycles) {
			const state = states.get(c.licenceId);
			if (!state || state.cycle.id !== c.id) continue;
			await db.cycleDecision.create({
				data: {
					cycleId: c.id,
					outcome: c.outcome,
					decidedById: c.decidedById,
					decidedAt: c.decidedAt ?? new Date(),
					reason: c.decisionReason,
					snapshot: JSON.parse(JSON.stringify(await snapshotOf(db, state))),
					backfilled: true
				}
			});
			done++;
			progress = true;
		}
		// a licence with two such cycles has one per round (the states are one per licence): the next round has the other
	}
	return done;
}
