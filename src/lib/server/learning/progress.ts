import { shifted, type Fragment } from '../hot/fragment';
import { hotPool, named } from '../hot/pool';
import type { Module } from '../content/types';

/** What the progress expression reads (one json value). */
export interface ProgressRow {
	completion: { version: string; score: number; completedAt: string } | null;
	credit: { credits: number; category: string } | null;
	attempts: { id: string; score: number | null; passed: boolean | null; submittedAt: string | null }[] | null;
	used: number;
	/** programmes of the learner's jurisdictions that require this module, with their minimum score */
	programmes?: { title: string; minScore: number }[] | null;
}

/**
 * A learner's standing on one module as one SQL json expression: latest completion, credit, the last ten attempts,
 * the attempts submitted today (the rule and the learner's time zone are the database functions attempts_today and
 * learner_time_zone, which learner.ts and attempts.ts call too) and the programmes of the learner's jurisdictions that
 * require the module, with their minimum score. A fragment (../hot/fragment.ts): $1 is the module
 * id, the learner and the time are `me.user_id` and `me.now` of the statement around it. The module page reads it in
 * the same round trip as the session (../hot/page-extras.ts), anything else on its own (moduleProgress).
 */
const PROGRESS = `json_build_object(
		'completion', (select json_build_object('version', v.version, 'score', c.score, 'completedAt', c.completed_at)
			from module_completions c join module_versions v on v.id = c.module_version_id
			where c.user_id = me.user_id and c.module_id = $1 order by c.completed_at desc limit 1),
		'credit', (select json_build_object('credits', e.credits, 'category', e.category) from cpd_entries e
			where e.user_id = me.user_id and e.module_id = $1 order by e.activity_date desc limit 1),
		'attempts', (select json_agg(a order by a."startedAt" desc) from (
			select id, score, passed, submitted_at as "submittedAt", started_at as "startedAt" from assessment_attempts
			where user_id = me.user_id and module_id = $1 order by started_at desc limit 10) a),
		'used', attempts_today(me.user_id, $1, learner_time_zone(me.user_id), me.now),
		'programmes', (select json_agg(json_build_object('title', p.title, 'minScore', pm.min_score) order by p.title)
			from programme_modules pm join programmes p on p.id = pm.programme_id
			where pm.module_id = $1 and p.archived_at is null and not p.delivered_outside and p.jurisdiction_id in (
				select w.jurisdiction_id from worker_profiles w where w.user_id = me.user_id
				union select coalesce(ms.jurisdiction_id, o.jurisdiction_id) from memberships ms
				left join organisations o on o.id = ms.organisation_id where ms.user_id = me.user_id)))`;

export function progressFragment(moduleId: string): Fragment {
	return { text: PROGRESS, values: [moduleId] };
}

const ALONE = named(
	'module-progress',
	`select ${shifted(progressFragment(''), 2)} as progress from (select $1::uuid, $2::timestamptz) as me(user_id, now)`
);

/**
 * The module page's figures from the progress expression's value. One statement on the plain `pg` pool, not Prisma,
 * when it was not read with the session: the module page is a hot path, and a Prisma query costs several times a
 * plain one; a named statement, planned once per connection.
 */
export async function moduleProgress(userId: string, mod: Module, now = new Date(), prefetched?: ProgressRow) {
	const r =
		prefetched ??
		(await hotPool().query<{ progress: ProgressRow }>({ ...ALONE, values: [userId, now, mod.id] })).rows[0].progress;
	const attempts = (r.attempts ?? []).map((a) => ({
		id: a.id,
		score: a.score,
		passed: a.passed,
		submittedAt: a.submittedAt ? new Date(a.submittedAt) : null
	}));
	return {
		completion: r.completion && {
			version: r.completion.version,
			score: r.completion.score,
			completedAt: new Date(r.completion.completedAt)
		},
		credit: r.credit && { credits: Number(r.credit.credits), category: r.credit.category },
		attempts,
		open: attempts.some((a) => !a.submittedAt),
		// the certificates this module counts towards, each with the score it needs (the learner's own programmes)
		programmes: (r.programmes ?? []).map((x) => ({ title: x.title, minScore: Number(x.minScore) })),
		left: Math.max(0, mod.assessment.attemptsPerDay - r.used)
	};
}
