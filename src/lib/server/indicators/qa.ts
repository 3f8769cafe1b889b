// Indicator 3.a.1: the scorer the jurisdiction assigns (access.ts: its regulator, its ministry or a partner) scores
// each of the four criteria 1–4 for a reporting period (a calendar year) with a justification and an evidence note;
// a period's scores are its own (scoring 2026 never changes 2025). The jurisdiction may enter its own stage
// descriptors (the seeds give none, so Credo invents none). Every change is an audit event.
import { z } from 'zod';
import { db, replica } from '../db';
import { audit } from '../audit/audit';
import type { SessionUser } from '../auth/session';
import { optionalText, text } from '../forms/fields';
import { assertQaScorer } from './access';
import { MAX_YEAR, MIN_YEAR } from './filters';
import { parseYear } from './population';
import { qaComposite, type QaBand } from './maths';
import { m } from '$lib/paraglide/messages';

export const CRITERIA = [1, 2, 3, 4] as const;
export const STAGES = [1, 2, 3, 4] as const;

export interface CriterionScore {
	criterion: number;
	score: number | null;
	justification: string;
	evidence: string;
	scoredBy: string | null;
	/** when, as an ISO timestamp (the scorecard is stored as JSON with a published report) */
	scoredAt: string | null;
	/** the jurisdiction's own descriptor per stage 1–4 ('' when none) */
	descriptors: string[];
}

/** A plain, JSON-safe object: published reports store it as it is. */
export interface Scorecard {
	/** the reporting period (calendar year) */
	period: number;
	criteria: CriterionScore[];
	total: number | null;
	band: QaBand | null;
	scored: number;
}

type Raw = Omit<CriterionScore, 'descriptors' | 'scoredAt'> & {
	scoredAt: Date | null;
	descriptors: Record<string, string> | null;
};

/** The four criteria of a period with their scores and descriptors, in one query (on the read replica when there is
 *  one). */
export async function scorecard(jurisdictionId: string, period: number): Promise<Scorecard> {
	const rows = await replica.$queryRaw<Raw[]>`
		select c.criterion, s.score, coalesce(s.justification, '') as justification, coalesce(s.evidence, '') as evidence,
			u.name as "scoredBy", s.scored_at as "scoredAt",
			(select json_object_agg(d.stage, d.text) from qa_stage_descriptors d where d.jurisdiction_id = ${jurisdictionId}::uuid and d.criterion = c.criterion) as descriptors
		from generate_series(1, 4) c(criterion)
		left join qa_scores s on s.jurisdiction_id = ${jurisdictionId}::uuid and s.period = ${period}::int and s.criterion = c.criterion
		left join users u on u.id = s.scored_by_id
		order by c.criterion`;
	const criteria = rows.map((r) => ({
		...r,
		scoredAt: r.scoredAt ? r.scoredAt.toISOString() : null,
		descriptors: STAGES.map((st) => r.descriptors?.[String(st)] ?? '')
	}));
	return { period, criteria, ...qaComposite(criteria.map((c) => c.score)) };
}

/** A reporting period typed in a form: a calendar year 1900–2999. */
export const period = () =>
	z.string({ error: () => m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR }) }).transform((v, ctx) => {
		const year = parseYear(v);
		if (year !== null) return year;
		ctx.addIssue({ code: 'custom', message: m.ind_year_invalid({ min: MIN_YEAR, max: MAX_YEAR }) });
		return z.NEVER;
	});

const criterion = () =>
	z.coerce
		.number({ error: () => m.field_choose() })
		.int({ error: () => m.field_choose() })
		.min(1, { error: () => m.field_choose() })
		.max(4, { error: () => m.field_choose() });

export const scoreSchema = z.object({
	period: period(),
	criterion: criterion(),
	score: z
		.string({ error: () => m.qa_score_required() })
		.regex(/^[1-4]$/, { error: () => m.qa_score_required() })
		.transform(Number),
	justification: text(4000),
	/** the evidence note: optional, bounded */
	evidence: optionalText(4000).transform((v) => v ?? '')
});

export async function scoreCriterion(user: SessionUser, jurisdictionId: string, input: z.output<typeof scoreSchema>) {
	await db.$transaction(async (tx) => {
		await assertQaScorer(tx, user, jurisdictionId);
		const key = {
			jurisdictionId_period_criterion: { jurisdictionId, period: input.period, criterion: input.criterion }
		};
		const before = await tx.qaScore.findUnique({ where: key });
		const data = {
			score: input.score,
			justification: input.justification,
			evidence: input.evidence,
			scoredById: user.id,
			scoredAt: new Date()
		};
		await tx.qaScore.upsert({
			where: key,
			create: { jurisdictionId, period: input.period, criterion: input.criterion, ...data },
			update: data
		});
		await audit(tx, {
			actorId: user.id,
			action: 'qa.scored',
			subjectType: 'qa_criterion',
			subjectId: `${input.period}-C${input.criterion}`,
			jurisdictionId,
			data: {
				period: input.period,
				criterion: input.criterion,
				score: input.score,
				previous: before?.score ?? null,
				justification: input.justification,
				previousJustification: before?.justification ?? null,
				evidence: input.evidence,
				previousEvidence: before?.evidence ?? null
			}
		});
	});
}

const stageText = () =>
	z
		.string()
		.trim()
		.max(1000, { error: () => m.field_too_long({ max: 1000 }) })
		.optional()
		.transform((v) => v ?? '');

export const descriptorSchema = z.object({
	criterion: criterion(),
	stage1: stageText(),
	stage2: stageText(),
	stage3: stageText(),
	stage4: stageText()
});

/** Saves a criterion's four descriptors; an empty one is removed. */
export async function saveDescriptors(
	user: SessionUser,
	jurisdictionId: string,
	input: z.output<typeof descriptorSchema>
) {
	await db.$transaction(async (tx) => {
		await assertQaScorer(tx, user, jurisdictionId);
		for (const stage of STAGES) {
			const value = input[`stage${stage}`];
			const key = { jurisdictionId_criterion_stage: { jurisdictionId, criterion: input.criterion, stage } };
			if (value)
				await tx.qaStageDescriptor.upsert({
					where: key,
					create: { jurisdictionId, criterion: input.criterion, stage, text: value },
					update: { text: value }
				});
			else await tx.qaStageDescriptor.deleteMany({ where: { jurisdictionId, criterion: input.criterion, stage } });
		}
		await audit(tx, {
			actorId: user.id,
			action: 'qa.descriptors',
			subjectType: 'qa_criterion',
			subjectId: `C${input.criterion}`,
			jurisdictionId,
			data: Object.fromEntries(STAGES.map((st) => [`stage${st}`, input[`stage${st}`]]))
		});
	});
}
