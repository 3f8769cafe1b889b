// A licence as a regulator reads it: the holder, every cycle, the chosen cycle's compliance and the entries it was
// computed from, and today in the jurisdiction (to tell what can still be decided).
import { z } from 'zod';
import { db } from '../db';
import type { SessionUser } from '../auth/session';
import { cycleCompliance } from './compliance-data';
import { jurisdictionToday, regulatorLicence } from './licences';

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
	const entries = await db.cpdEntry.findMany({
		where: { id: { in: state?.verdict.entries.map((e) => e.id) ?? [] } },
		select: {
			id: true,
			title: true,
			providerName: true,
			providerSlug: true,
			activityDate: true,
			credits: true,
			category: true,
			status: true,
			source: true,
			evidenceFileId: true
		}
	});
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
		entries: entries.map((e) => ({ ...e, credits: Number(e.credits) })),
		today: await jurisdictionToday(licence.jurisdictionId)
	};
}
