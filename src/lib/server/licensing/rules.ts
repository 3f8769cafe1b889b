// Renewal rules are the regulator's data. Saving writes a new version; cycles keep the version they started under.
import { z } from 'zod';
import { db } from '../db';
import { audit } from '../audit/audit';
import { DomainError } from '../errors';
import type { SessionUser } from '../auth/session';
import { getContent } from '../content';
import { regulatorJurisdictions } from './licences';
import { m } from '$lib/paraglide/messages';
import { CADRES as WORKFORCE_CADRES } from '$lib/workforce-labels';
import { ACTIVITY_TYPES } from '$lib/cpd-types';

/** A rule applies to one cadre or to every cadre ('*'). */
const CADRES = ['*', ...WORKFORCE_CADRES] as const;
const num = (max: number) =>
	z.coerce
		.number({ error: () => m.field_number() })
		.min(0, { error: () => m.rule_range({ max }) })
		.max(max, { error: () => m.rule_range({ max }) });
const int = (min: number, max: number) =>
	z.coerce
		.number({ error: () => m.field_number() })
		.int({ error: () => m.rule_whole() })
		.min(min, { error: () => m.rule_range({ max }) })
		.max(max, { error: () => m.rule_range({ max }) });
/** An optional number field: left empty it is absent (not 0 — an empty cap is no cap, not a cap of 0 %). */
const optionalNum = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), num(max).optional());
const flag = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/**
 * The form schema: fixed fields, a minimum ("min.<area>") and a cap ("cap.<area>", %) per content area, and a credit
 * rate per hour ("rate.<type>") and a cap ("typecap.<type>", %) per activity type. An empty or zero rate is no rate.
 */
export function ruleSchema() {
	const cats = getContent().framework.categories.map((c) => c.id);
	return z
		.object({
			cadreKey: z.enum(CADRES, { error: () => m.field_choose() }),
			cycleMonths: int(1, 120),
			totalCredits: num(1000),
			graceDays: int(0, 730),
			selfReportedCounts: flag,
			proRateFirstCycle: flag,
			leaveReducesProRata: flag,
			moduleRepeatCounts: flag,
			/** the regulator may grant a licence an exemption or a waiver (licensing/exemption-grants.ts) */
			exemptionsAllowed: flag,
			...Object.fromEntries(
				cats.flatMap((c) => [
					[`min.${c}`, optionalNum(1000)],
					[`cap.${c}`, optionalNum(100)]
				])
			),
			...Object.fromEntries(
				ACTIVITY_TYPES.flatMap((t) => [
					[`rate.${t}`, optionalNum(100)],
					[`typecap.${t}`, optionalNum(100)]
				])
			)
		})
		.transform((v) => {
			const r = v as Record<string, unknown>;
			const minimums: Record<string, number> = {};
			const caps: Record<string, number> = {};
			for (const c of cats) {
				if (typeof r[`min.${c}`] === 'number' && (r[`min.${c}`] as number) > 0) minimums[c] = r[`min.${c}`] as number;
				if (typeof r[`cap.${c}`] === 'number' && (r[`cap.${c}`] as number) < 100)
					caps[c] = (r[`cap.${c}`] as number) / 100;
			}
			const activityCaps: Record<string, number> = {};
			const activityRates: Record<string, number> = {};
			for (const t of ACTIVITY_TYPES) {
				const rate = r[`rate.${t}`];
				const cap = r[`typecap.${t}`];
				if (typeof rate === 'number' && rate > 0) activityRates[t] = rate;
				if (typeof cap === 'number' && cap < 100) activityCaps[t] = cap / 100;
			}
			return { ...v, minimums, caps, activityCaps, activityRates };
		});
}

export async function ruleHistory(user: SessionUser) {
	return db.renewalRule.findMany({
		where: { jurisdictionId: { in: regulatorJurisdictions(user) } },
		orderBy: [{ cadreKey: 'asc' }, { version: 'desc' }]
	});
}

export async function saveRule(user: SessionUser, input: z.output<ReturnType<typeof ruleSchema>>) {
	const jurisdictionId = regulatorJurisdictions(user)[0];
	if (!jurisdictionId) throw new DomainError(m.error_forbidden(), 403);
	const sum = Object.values(input.minimums).reduce((a, b) => a + b, 0);
	if (sum > input.totalCredits)
		throw new DomainError(m.rule_minimums_exceed(), 400, { totalCredits: m.rule_minimums_exceed() });
	return db.$transaction(async (tx) => {
		const last = await tx.renewalRule.findFirst({
			where: { jurisdictionId, cadreKey: input.cadreKey },
			orderBy: { version: 'desc' },
			select: { version: true }
		});
		const rule = await tx.renewalRule.create({
			data: {
				jurisdictionId,
				cadreKey: input.cadreKey,
				version: (last?.version ?? 0) + 1,
				cycleMonths: input.cycleMonths,
				totalCredits: input.totalCredits,
				categoryMinimums: input.minimums,
				categoryCaps: input.caps,
				activityCaps: input.activityCaps,
				activityRates: input.activityRates,
				selfReportedCounts: input.selfReportedCounts,
				graceDays: input.graceDays,
				proRateFirstCycle: input.proRateFirstCycle,
				leaveReducesProRata: input.leaveReducesProRata,
				moduleRepeatCounts: input.moduleRepeatCounts,
				exemptionsAllowed: input.exemptionsAllowed,
				createdById: user.id
			}
		});
		await audit(tx, {
			actorId: user.id,
			action: 'rule.versioned',
			subjectType: 'renewal_rule',
			subjectId: rule.id,
			jurisdictionId,
			data: { cadre: input.cadreKey, version: rule.version }
		});
		return rule;
	});
}
