import { hotPool } from '../db';
import type { Module } from '../content/types';

interface Row {
	completion: { version: string; score: number; completedAt: string } | null;
	credit: { credits: number; category: string } | null;
	attempts: { id: string; score: number | null; passed: boolean | null; submittedAt: string | null }[] | null;
	used: number;
}

/**
 * A learner's standing on one module: completion, credit, past attempts and attempts left today ("today" in the
 * time zone of the learner's jurisdiction, as in learnerContext). One statement on the plain `pg` pool, not Prisma:
 * the module page is a hot path, and a Prisma query costs several times a plain one. A named statement: each
 * connection plans it once (planning took 2 ms, running it 0.3 ms).
 */
export async function moduleProgress(userId: string, mod: Module, now = new Date()) {
	const { rows: [r] } = await hotPool().query<Row>({ name: 'module-progress', text: `
		with tz as (
			select coalesce((select j.time_zone from jurisdictions j where j.id = coalesce(
				(select w.jurisdiction_id from worker_profiles w where w.user_id = $1::uuid),
				(select coalesce(m.jurisdiction_id, o.jurisdiction_id) from memberships m left join organisations o on o.id = m.organisation_id
					where m.user_id = $1::uuid and (m.jurisdiction_id is not null or o.id is not null) order by m.created_at limit 1))), 'UTC') as zone
		)
		select
			(select json_build_object('version', v.version, 'score', c.score, 'completedAt', c.completed_at)
				from module_completions c join module_versions v on v.id = c.module_version_id
				where c.user_id = $1::uuid and c.module_id = $2 order by c.completed_at desc limit 1) as completion,
			(select json_build_object('credits', e.credits, 'category', e.category) from cpd_entries e
				where e.user_id = $1::uuid and e.module_id = $2 order by e.activity_date desc limit 1) as credit,
			(select json_agg(a order by a."startedAt" desc) from (
				select id, score, passed, submitted_at as "submittedAt", started_at as "startedAt" from assessment_attempts
				where user_id = $1::uuid and module_id = $2 order by started_at desc limit 10) a) as attempts,
			(select count(*)::int from assessment_attempts, tz
				where user_id = $1::uuid and module_id = $2 and submitted_at is not null
					and (submitted_at at time zone tz.zone)::date = ($3::timestamptz at time zone tz.zone)::date) as used`, values: [userId, mod.id, now] });
	const attempts = (r.attempts ?? []).map((a) => ({ id: a.id, score: a.score, passed: a.passed, submittedAt: a.submittedAt ? new Date(a.submittedAt) : null }));
	return {
		completion: r.completion && { version: r.completion.version, score: r.completion.score, completedAt: new Date(r.completion.completedAt) },
		credit: r.credit && { credits: Number(r.credit.credits), category: r.credit.category },
		attempts,
		open: attempts.some((a) => !a.submittedAt),
		left: Math.max(0, mod.assessment.attemptsPerDay - r.used)
	};
}
