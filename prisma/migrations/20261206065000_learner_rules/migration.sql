-- Two rules of the learning domain, defined here once and called by every path that needs them: the module page's
-- statement (read with the session, src/lib/server/learning/progress.ts) and the application's own lookups
-- (learning/learner.ts, learning/attempts.ts). PL/pgSQL rather than SQL functions: PostgreSQL 15 re-plans an SQL
-- function's body for each statement that calls it, PL/pgSQL keeps its plans for the connection.

-- The jurisdiction a learner's records belong to: their workforce record's, else that of their first membership that
-- names one (directly or through its organisation). Null when none does.
CREATE FUNCTION learner_jurisdiction(learner uuid) RETURNS uuid LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN coalesce(
		(SELECT w.jurisdiction_id FROM worker_profiles w WHERE w.user_id = learner),
		(SELECT coalesce(m.jurisdiction_id, o.jurisdiction_id) FROM memberships m LEFT JOIN organisations o ON o.id = m.organisation_id
			WHERE m.user_id = learner AND (m.jurisdiction_id IS NOT NULL OR o.id IS NOT NULL) ORDER BY m.created_at LIMIT 1));
END $$;

-- The time zone in which "today" is judged for a learner: their jurisdiction's, UTC when they have none.
CREATE FUNCTION learner_time_zone(learner uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN coalesce((SELECT j.time_zone FROM jurisdictions j WHERE j.id = learner_jurisdiction(learner)), 'UTC');
END $$;

-- Attempts at a module submitted "today": on the calendar day of `moment` in time zone `tz` (the learner's).
CREATE FUNCTION attempts_today(learner uuid, module_ref text, tz text, moment timestamptz) RETURNS integer LANGUAGE plpgsql STABLE AS $$
BEGIN
	RETURN (SELECT count(*)::int FROM assessment_attempts a
		WHERE a.user_id = learner AND a.module_id = module_ref AND a.submitted_at IS NOT NULL
			AND (a.submitted_at AT TIME ZONE tz)::date = (moment AT TIME ZONE tz)::date);
END $$;
