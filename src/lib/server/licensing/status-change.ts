// A licence status change and its cycles: what reinstating a licence does to them (reactivation.ts decides), read
// the same way by the change itself (inside its transaction) and by its check-your-answers step (nothing written).
import { z } from 'zod';
import { db, type Db } from '../db';
import { DomainError, FieldError } from '../errors';
import type { SessionUser } from '../auth/session';
import { jurisdictionToday, regulatorJurisdictions, type statusSchema } from './licences';
import { currentRule, reactivationPlan, type ReactivationPlan } from './reactivation';
import { fromDate, type CalendarDay } from '$lib/calendar-day';
import { statusDayRefusal } from './status-periods';
import { m } from '$lib/paraglide/messages';

type Licence = { id: string; jurisdictionId: string; cadre: string | null; status: string };

/**
 * What setting `licence` to `to` on the day it takes effect (`effective`, today when not given) does to its cycles:
 * a reinstatement effective on a past day opens its cycle from that day. A reactivation with no rule to open a cycle
 * under: 400.
 */
export async function statusPlan(
	from: Db,
	licence: Licence,
	to: string,
	now: Date,
	effective?: CalendarDay
): Promise<Exclude<ReactivationPlan, { kind: 'no-rule' }>> {
	const today = effective ?? (await jurisdictionToday(licence.jurisdictionId, now));
	const cycles = await from.licenceCycle.findMany({
		where: { licenceId: licence.id },
		select: { startsOn: true, endsOn: true, outcome: true, graceUntil: true }
	});
	const rules = await from.renewalRule.findMany({
		where: { jurisdictionId: licence.jurisdictionId },
		select: { id: true, cadreKey: true, version: true, cycleMonths: true }
	});
	const plan = reactivationPlan({
		from: licence.status,
		to,
		today,
		cycles: cycles.map((c) => ({
			startsOn: fromDate(c.startsOn),
			endsOn: fromDate(c.endsOn),
			outcome: c.outcome,
			graceUntil: c.graceUntil ? fromDate(c.graceUntil) : null
		})),
		rule: currentRule(rules, licence.cadre)
	});
	if (plan.kind === 'no-rule') throw new DomainError(m.status_no_rule(), 400, { status: m.status_no_rule() });
	return plan;
}

/**
 * The day a status change takes effect ("Takes effect on"): the day given, else today in the jurisdiction. Refused
 * beside its field when in the future or before the current status began (the trigger would otherwise refuse it).
 */
export async function effectiveStatusDay(
	licence: { jurisdictionId: string; statusFrom: Date | null },
	given: CalendarDay | undefined,
	now: Date
): Promise<CalendarDay> {
	const today = await jurisdictionToday(licence.jurisdictionId, now);
	const day = given ?? today;
	const refused = statusDayRefusal(day, today, licence.statusFrom ? fromDate(licence.statusFrom) : null);
	if (refused) throw new FieldError('statusFrom', refused);
	return day;
}

/**
 * The check-your-answers step of a status change: the same checks as setLicenceStatus, and what it will do — the
 * day it takes effect and what happens to the cycles.
 */
export async function checkStatusChange(user: SessionUser, input: z.output<typeof statusSchema>, now = new Date()) {
	const licence = await db.licence.findUnique({
		where: { id: input.licenceId },
		select: { id: true, jurisdictionId: true, cadre: true, status: true, version: true, statusFrom: true }
	});
	if (!licence || !regulatorJurisdictions(user).includes(licence.jurisdictionId))
		throw new DomainError(m.not_found(), 404);
	if (licence.version !== input.version) throw new DomainError(m.conflict_licence(), 409);
	const statusFrom = await effectiveStatusDay(licence, input.statusFrom, now);
	const plan = await statusPlan(db, licence, input.status, now, statusFrom);
	return { statusFrom, plan: plan.kind === 'open' ? { ...plan, rule: { version: plan.rule.version } } : plan };
}
