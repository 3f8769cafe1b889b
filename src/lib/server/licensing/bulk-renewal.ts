// "Renew all compliant": the plan a regulator checks (the licences of the renewal queue that will be renewed, and the
// others with the reason they will not), then the renewal of exactly the checked ones, each in its own transaction
// (decideRenewal), with a result per licence. Idempotent: a licence decided meanwhile is reported, not renewed twice.
import { z } from 'zod';
import { db } from '../db';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { decideRenewal, jurisdictionToday, regulatorJurisdictions, renewalQueue } from './licences';
import { decisionRefusal } from './decisions';
import { fromDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

export interface PlannedLicence {
	cycleId: string;
	version: number;
	number: string;
	holderName: string;
	endsOn: Date;
	graceUntil: Date | null;
}
export interface BulkPlan {
	renew: PlannedLicence[];
	keep: (PlannedLicence & { reason: string })[];
}

/** The renewal queue split into the licences a bulk renewal would renew and the others, each with its reason. */
export async function bulkRenewalPlan(user: SessionUser, now = new Date()): Promise<BulkPlan> {
	const queue = await renewalQueue(user, now);
	const licences = await db.licence.findMany({
		where: { id: { in: queue.map((c) => c.licenceId) } },
		select: { id: true, version: true, jurisdictionId: true }
	});
	const byId = new Map(licences.map((l) => [l.id, l]));
	const todays = new Map<string, CalendarDay>();
	for (const j of new Set(licences.map((l) => l.jurisdictionId))) todays.set(j, await jurisdictionToday(j, now));
	const plan: BulkPlan = { renew: [], keep: [] };
	for (const c of queue) {
		const licence = byId.get(c.licenceId)!;
		const row: PlannedLicence = {
			cycleId: c.id,
			version: licence.version,
			number: c.licence.number,
			holderName: c.licence.holderName,
			endsOn: c.endsOn,
			graceUntil: c.graceUntil
		};
		// a cycle a failed audit put back in the queue needs its own decision, not a bulk one
		const reason = c.reopenedAt
			? m.bulk_reopened()
			: decisionRefusal(
					'renew',
					{ outcome: c.outcome, endsOn: fromDate(c.endsOn), graceUntil: c.graceUntil ? fromDate(c.graceUntil) : null },
					c.verdict?.status ?? null,
					todays.get(licence.jurisdictionId)!
				);
		if (reason) plan.keep.push({ ...row, reason });
		else plan.renew.push(row);
	}
	return plan;
}

/** The checked licences, as the check page posts them: one "cycleId:version" per licence, comma separated. */
export const bulkRenewalSchema = z.object({
	items: z
		.string({ error: () => m.renewals_all_items() })
		.max(100 * 50, { error: () => m.renewals_all_items() })
		.regex(/^[0-9a-f-]{36}:\d{1,10}(,[0-9a-f-]{36}:\d{1,10})*$/, { error: () => m.renewals_all_items() })
		.transform((s) =>
			s.split(',').map((item) => {
				const [cycleId, version] = item.split(':');
				return { cycleId, version: Number(version) };
			})
		)
		.pipe(
			z
				.array(z.object({ cycleId: z.string().uuid(), version: z.number().int().min(1).max(2_147_483_647) }))
				.min(1)
				.max(100)
		)
});

export type BulkResult = { number: string; holderName: string } & (
	{ result: 'renewed' } | { result: 'already' } | { result: 'refused'; reason: string }
);

/**
 * Renews exactly the checked licences, each in its own transaction. A cycle decided meanwhile (renewed by someone
 * else, or by this same form posted twice) is reported as such; a licence changed since the check (its version) or
 * no longer compliant is reported with the reason; nothing else is touched.
 */
export async function renewAllCompliant(
	user: SessionUser,
	items: { cycleId: string; version: number }[],
	origin: string,
	now = new Date()
): Promise<BulkResult[]> {
	const jurisdictions = regulatorJurisdictions(user);
	const cycles = await db.licenceCycle.findMany({
		where: { id: { in: items.map((i) => i.cycleId) }, jurisdictionId: { in: jurisdictions } },
		select: { id: true, outcome: true, licence: { select: { number: true, holderName: true } } }
	});
	const byId = new Map(cycles.map((c) => [c.id, c]));
	if (items.some((i) => !byId.has(i.cycleId))) throw new DomainError(m.not_found(), 404);
	const reason = m.renewals_all_reason();
	const results: BulkResult[] = [];
	for (const item of new Map(items.map((i) => [i.cycleId, i])).values()) {
		const cycle = byId.get(item.cycleId)!;
		const who = { number: cycle.licence.number, holderName: cycle.licence.holderName };
		try {
			await decideRenewal(user, { ...item, decision: 'renew', reason }, origin, now);
			results.push({ ...who, result: 'renewed' });
		} catch (e) {
			if (!(e instanceof DomainError)) throw e;
			const outcome = (await db.licenceCycle.findUniqueOrThrow({ where: { id: item.cycleId } })).outcome;
			results.push(
				outcome !== 'OPEN' && outcome !== 'GRACE'
					? { ...who, result: 'already' }
					: { ...who, result: 'refused', reason: e.message }
			);
		}
	}
	return results;
}
