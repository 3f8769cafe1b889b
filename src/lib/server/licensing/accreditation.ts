// The regulator accredits providers and modules for its jurisdiction, each over periods (issue 18): a credit counts
// only for activity dated inside a period, with that period's credits and category. A new value or an end takes
// effect from a day the regulator gives; the periods before it are never rewritten (accreditation-periods.ts).
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { getContent, localFramework } from '../content';
import { termsCover, termsOf } from '../authoring/terms';
import { ofCurrentTerms, termsChange, termsState } from './accreditation-terms';
// what the authoring store and the regulator's home call
export { modulesAwaitingAccreditation, noticeNewTerms } from './accreditation-terms';
import { clearNotices, noticeSubject } from '../people/notifications';
import { choice, optionalDay } from '../forms/fields';
import { jurisdictionToday, regulatorJurisdictions } from './licences';
import { inForceOn, planChange, type Period, type PlanProblem } from './accreditation-periods';
import { formatDay } from '$lib/dates';
import { fromDate, toDate, type CalendarDay } from '$lib/calendar-day';
import { m } from '$lib/paraglide/messages';

function jurisdictionOf(user: SessionUser) {
	const j = regulatorJurisdictions(user)[0];
	if (!j) throw new DomainError(m.error_forbidden(), 403);
	return j;
}

/** Prisma's condition for an accreditation period in force on `day`. */
export function inForceWhere(day: CalendarDay) {
	return { accreditedOn: { lte: toDate(day) }, OR: [{ validTo: null }, { validTo: { gte: toDate(day) } }] };
}

const period = (a: { accreditedOn: Date; validTo: Date | null }): Period => ({
	from: fromDate(a.accreditedOn),
	to: a.validTo ? fromDate(a.validTo) : null
});

export async function accreditationOverview(user: SessionUser) {
	const jurisdictionId = jurisdictionOf(user);
	const today = await jurisdictionToday(jurisdictionId);
	const [providers, providerAcc, moduleAcc] = await Promise.all([
		db.organisation.findMany({
			where: { type: 'TRAINING_PROVIDER' },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		}),
		db.providerAccreditation.findMany({ where: { jurisdictionId }, orderBy: { accreditedOn: 'asc' } }),
		db.moduleAccreditation.findMany({ where: { jurisdictionId }, orderBy: { accreditedOn: 'asc' } })
	]);
	const periodsOf = <T extends { accreditedOn: Date; validTo: Date | null }>(rows: T[]) =>
		rows.map((r) => ({ ...r, ...period(r) }));
	const competency = new Map(localFramework().competencies.map((c) => [c.id, c.title]));
	const named = (ids: string[]) => ids.map((id) => competency.get(id) ?? id);
	const modules = getContent()
		.modules.filter((mod) => !mod.draft)
		.map((mod) => {
			const terms = termsOf(mod);
			const periods = periodsOf(moduleAcc.filter((a) => a.moduleId === mod.id));
			// the accreditation in force for the current version's terms; else one of earlier terms (it waits)
			const { covering: now, waiting } = termsState(periods, terms, today);
			const change = waiting ? termsChange(waiting.terms, terms) : null;
			return {
				id: mod.id,
				title: mod.title,
				proposedCredits: mod.credits,
				proposedCategory: mod.creditCategory,
				credits: now ? Number(now.credits) : null,
				category: now?.category ?? null,
				since: now?.from ?? null,
				/** an accreditation of any version is in force (it can be ended) */
				inForce: !!(now || waiting),
				/** the current version waits: what changed since the version accredited, competencies by name */
				waiting: change && {
					minutes: change.minutes,
					passMark: change.passMark,
					competencies: change.competencies && {
						added: named(change.competencies.added),
						removed: named(change.competencies.removed)
					}
				},
				periods: periods.map((x) => ({
					from: x.from,
					to: x.to,
					credits: Number(x.credits),
					category: x.category,
					/** false: it covers an earlier version only */
					current: termsCover(x.terms, terms)
				}))
			};
		});
	return {
		today,
		providers: providers.map((p) => {
			const periods = periodsOf(providerAcc.filter((a) => a.organisationId === p.id));
			const now = inForceOn(periods, today);
			return {
				...p,
				accredited: !!now,
				periods: periods.map((x) => ({ from: x.from, to: x.to, reference: x.reference }))
			};
		}),
		modules,
		/** how many modules have a new version that waits for this regulator */
		awaiting: modules.filter((x) => x.waiting).length
	};
}

/** The message a refused change gets, beside the date field. */
function problemMessage(p: PlanProblem): string {
	if (p.kind === 'later-period') return m.accreditation_later_period({ date: formatDay(p.from) });
	if (p.kind === 'unchanged') return m.accreditation_unchanged();
	return m.accreditation_not_in_force();
}

export const providerSchema = z.object({
	organisationId: z.string().uuid({ error: () => m.field_choose() }),
	accredit: choice(['yes', 'no'] as const),
	/** the first day of the new period, or the first day it no longer applies; today when left empty */
	from: optionalDay()
});

export async function setProvider(user: SessionUser, input: z.output<typeof providerSchema>) {
	const jurisdictionId = jurisdictionOf(user);
	const org = await db.organisation.findFirst({ where: { id: input.organisationId, type: 'TRAINING_PROVIDER' } });
	if (!org) throw new DomainError(m.not_found(), 404);
	const from = input.from ?? (await jurisdictionToday(jurisdictionId));
	await db.$transaction(async (tx) => {
		// one change at a time per provider: the periods are read and written under the same lock
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`accreditation:${jurisdictionId}:${org.id}`}))`;
		const rows = await tx.providerAccreditation.findMany({ where: { jurisdictionId, organisationId: org.id } });
		const plan = planChange(
			rows.map((r) => ({ id: r.id, ...period(r) })),
			from,
			input.accredit === 'yes' ? {} : null,
			() => true
		);
		if (plan.problem) throw new DomainError(problemMessage(plan.problem), 400, { from: problemMessage(plan.problem) });
		if (plan.close)
			await tx.providerAccreditation.update({
				where: { id: plan.close.period.id },
				data: { validTo: toDate(plan.close.to), revokedAt: new Date(), revokedById: user.id }
			});
		if (plan.open)
			await tx.providerAccreditation.create({
				data: { jurisdictionId, organisationId: org.id, accreditedOn: toDate(from), createdById: user.id }
			});
		await audit(tx, {
			actorId: user.id,
			action: input.accredit === 'yes' ? 'accreditation.provider_granted' : 'accreditation.provider_revoked',
			subjectType: 'organisation',
			subjectId: org.id,
			jurisdictionId,
			data: { from }
		});
	});
}

export function moduleSchema() {
	const cats = getContent().framework.categories.map((c) => c.id) as [string, ...string[]];
	return z.object({
		moduleId: z.string({ error: () => m.field_required() }).max(100),
		credits: z.coerce
			.number({ error: () => m.field_number() })
			.gt(0, { error: () => m.field_credits() })
			.max(100, { error: () => m.field_credits() })
			.multipleOf(0.01, { error: () => m.field_credits() }),
		category: choice(cats),
		accredit: choice(['yes', 'no'] as const),
		from: optionalDay()
	});
}

export async function setModule(user: SessionUser, input: z.output<ReturnType<typeof moduleSchema>>) {
	const jurisdictionId = jurisdictionOf(user);
	const mod = getContent().modules.find((x) => x.id === input.moduleId && !x.draft);
	if (!mod) throw new DomainError(m.not_found(), 404);
	const from = input.from ?? (await jurisdictionToday(jurisdictionId));
	// the accreditation rests on the current version's terms (issue 22)
	const terms = termsOf(mod);
	await db.$transaction(async (tx) => {
		await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`accreditation:${jurisdictionId}:${mod.id}`}))`;
		const rows = await tx.moduleAccreditation.findMany({ where: { jurisdictionId, moduleId: mod.id } });
		const value = { credits: input.credits, category: input.category };
		const plans = moduleTimelines(rows, terms, input.accredit === 'yes').map((timeline) =>
			planChange(
				timeline.map((r) => ({ id: r.id, ...period(r), credits: Number(r.credits), category: r.category })),
				from,
				input.accredit === 'yes' ? value : null,
				(a, b) => a.credits === b.credits && a.category === b.category
			)
		);
		// ending: every timeline in force on that day ends (the current version's and earlier ones'); refused when
		// one would be rewritten, or when none is in force
		const problem =
			plans.find((p) => p.problem?.kind === 'later-period')?.problem ??
			(plans.some((p) => !p.problem) ? null : plans[0].problem);
		if (problem) throw new DomainError(problemMessage(problem), 400, { from: problemMessage(problem) });
		for (const plan of plans) {
			if (plan.problem) continue;
			if (plan.close)
				await tx.moduleAccreditation.update({
					where: { id: plan.close.period.id },
					data: { validTo: toDate(plan.close.to), revokedAt: new Date(), revokedById: user.id }
				});
			if (plan.open)
				await tx.moduleAccreditation.create({
					data: { jurisdictionId, moduleId: mod.id, ...value, terms, accreditedOn: toDate(from), createdById: user.id }
				});
		}
		if (input.accredit === 'yes') await clearNotices(tx, noticeSubject.accreditationTerms(jurisdictionId, mod.id));
		await audit(tx, {
			actorId: user.id,
			action: input.accredit === 'yes' ? 'accreditation.module_granted' : 'accreditation.module_revoked',
			subjectType: 'module',
			subjectId: mod.id,
			jurisdictionId,
			data: { credits: input.credits, category: input.category, from, terms }
		});
	});
}

/** The timelines a change is planned on: a grant, those of the current terms (with the ones recorded before terms);
 *  an end, also each of earlier terms. */
function moduleTimelines<T extends { terms: string | null }>(rows: T[], terms: string, grant: boolean): T[][] {
	const current = ofCurrentTerms(rows, terms);
	if (grant) return [current];
	const earlier = new Map<string | null, T[]>();
	for (const r of rows) if (!current.includes(r)) earlier.set(r.terms, [...(earlier.get(r.terms) ?? []), r]);
	return [current, ...earlier.values()];
}
