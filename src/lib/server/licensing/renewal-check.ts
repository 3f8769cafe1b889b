// The check-your-answers step of a single renewal decision: the same checks as decideRenewal (the regulator's
// jurisdiction, the licence version, the decision allowed now), nothing written; what the decision will do.
import { z } from 'zod';
import { db } from '../db';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { refuseDecisionNotAllowed, regulatorJurisdictions, renewalSchema } from './licences';
import { addDays, fromDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

export async function checkRenewal(
	user: SessionUser,
	input: z.output<typeof renewalSchema>,
	now = new Date()
): Promise<{ graceUntil: CalendarDay | null }> {
	const cycle = await db.licenceCycle.findUnique({
		where: { id: input.cycleId },
		include: { licence: { select: { version: true } }, rule: { select: { graceDays: true } } }
	});
	if (!cycle || !regulatorJurisdictions(user).includes(cycle.jurisdictionId)) throw new DomainError(m.not_found(), 404);
	if (cycle.licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	await refuseDecisionNotAllowed(cycle, input.decision, now);
	return {
		graceUntil: input.decision === 'grace' ? addDays(fromDate(cycle.endsOn), cycle.rule.graceDays) : null
	};
}
