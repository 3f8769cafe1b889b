// A licence as a regulator reads it: the holder, every cycle, the chosen cycle's compliance and the entries it was
// computed from, and today in the jurisdiction (to tell what can still be decided).
import { z } from 'zod';
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { cycleCompliance } from './compliance-data';
import { jurisdictionToday, regulatorLicence } from './licences';
import { ledgerIds, verdictContexts } from './supervision-entries';
import { statusHistory } from './status-periods';
import { toDate } from '$lib/calendar-day';

/** The regulator's licence (404 for another jurisdiction's); `cycleId` picks a cycle, else the current one. */
export async function licenceRecord(user: SessionUser, number: string, cycleId?: string | null) {
	const licenceId = await regulatorLicence(user, number);
	// a malformed ?cycle= is ignored rather than refused: the page then shows the current cycle
	const cycle = cycleId && z.string().uuid().safeParse(cycleId).success ? cycleId : undefined;
	const state = await cycleCompliance(licenceId, cycle);
	const licence = await db.licence.findUniqueOrThrow({
		where: { id: licenceId },
		select: {
			number: true,
			holderName: true,
			status: true,
			statusReason: true,
			statusFrom: true,
			cadre: true,
			jurisdictionId: true,
			issuedOn: true,
			version: true,
			cycles: {
				orderBy: { startsOn: 'desc' },
				select: {
					id: true,
					startsOn: true,
					endsOn: true,
					outcome: true,
					graceUntil: true,
					decisionReason: true,
					decidedAt: true
				}
			}
		}
	});
	// a decided cycle is read from its decision's snapshot: the entries as they were then, even if changed since
	const snapshot = state?.decided?.snapshot ?? null;
	const ids = state?.verdict.entries.map((e) => e.id) ?? [];
	const entries = snapshot
		? snapshot.entries.map((e) => ({ ...e, activityDate: toDate(e.activityDate) }))
		: await liveEntries(ledgerIds(ids));
	// supervision received and field instruction given are sessions, not ledger rows: named by their date and minutes;
	// with the caps and rates per activity type the verdict was computed under (a decided cycle: its snapshot's)
	const [context] = state ? await verdictContexts([state]) : [null];
	const decidedBy = state?.decided
		? await db.cycleDecision.findFirst({
				where: { cycleId: state.cycle.id, outcome: { in: ['RENEWED', 'LAPSED'] } },
				orderBy: { decidedAt: 'desc' },
				select: { decidedAt: true, backfilled: true, decidedById: true, reason: true }
			})
		: null;
	const decider = decidedBy?.decidedById
		? await db.user.findUnique({ where: { id: decidedBy.decidedById }, select: { name: true } })
		: null;
	return {
		licenceId,
		licence,
		cycle: state
			? {
					id: state.cycle.id,
					startsOn: state.cycle.startsOn,
					endsOn: state.cycle.endsOn,
					outcome: state.cycle.outcome,
					graceUntil: state.cycle.graceUntil,
					leaveDays: state.cycle.leaveDays
				}
			: null,
		verdict: state?.verdict ?? null,
		/** set for a decided cycle: the verdict above is the one recorded at the decision */
		decision: decidedBy
			? {
					at: decidedBy.decidedAt,
					backfilled: decidedBy.backfilled,
					by: decider?.name ?? null,
					reason: decidedBy.reason,
					ruleVersion: snapshot?.rule.version ?? null
				}
			: null,
		entries,
		supervision: context?.supervision ?? [],
		/** the licence's statuses over time, latest first */
		statusHistory: await statusHistory(licenceId),
		typeRule: context?.typeRule ?? null,
		today: await jurisdictionToday(licence.jurisdictionId)
	};
}

function liveEntries(ids: string[]) {
	return db.cpdEntry
		.findMany({
			where: { id: { in: ids } },
			select: {
				id: true,
				title: true,
				providerName: true,
				activityDate: true,
				credits: true,
				category: true,
				approvedCredits: true,
				approvedCategory: true,
				reviewReason: true,
				status: true,
				source: true,
				evidenceFileId: true
			}
		})
		.then((rows) =>
			rows.map((e) => ({
				...e,
				credits: Number(e.credits),
				approvedCredits: e.approvedCredits === null ? null : Number(e.approvedCredits)
			}))
		);
}
