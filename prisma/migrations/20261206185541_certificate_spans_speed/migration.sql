-- A worker's spans are recomputed from the worker's own certificates and licences, found by the worker's index
-- whatever the statistics say. Their jurisdiction conditions are written `IS NOT DISTINCT FROM` (the columns are never
-- null: the same test as `=`) so that no index can serve them: with `=`, statistics taken while the jurisdiction had
-- few certificates (or none: a first import of historical certificates, whose rows are all written in one transaction,
-- so no analyze sees them) let the planner find "the worker's certificates" through the jurisdiction's index, reading
-- every certificate of the jurisdiction for each worker refreshed — 300,000 certificates recorded in one import read
-- about 300,000²/2 rows (docs/performance.md, historical certificates). Same spans as before.
CREATE OR REPLACE FUNCTION refresh_worker_spans(ids uuid[]) RETURNS void LANGUAGE sql SET enable_seqscan = off AS $$
	UPDATE worker_profiles w SET
		-- the worker's certificates are read once for both scopes
		(certified_strict, certified_aggregate) = (
			SELECT coalesce(range_agg(daterange(c.issued_on, e.last_day, '[]')) FILTER (WHERE p.child_victims), '{}'),
				coalesce(range_agg(daterange(c.issued_on, e.last_day, '[]')), '{}')
			FROM certificates c JOIN programmes p ON p.id = c.programme_id
				-- least() skips nulls: no expiry and no revocation is an open end
				CROSS JOIN LATERAL (SELECT least(c.expires_on, c.revoked_on - 1) AS last_day) e
			WHERE c.worker_id = w.id AND c.jurisdiction_id IS NOT DISTINCT FROM w.jurisdiction_id
				AND p.jurisdiction_id = w.jurisdiction_id -- a programme: by its key or the jurisdiction's few (either is cheap)
				AND p.recognition_status = 'CONFIRMED' AND (p.child_victims OR p.child_protection)
				AND (e.last_day IS NULL OR e.last_day >= c.issued_on)),
		licensed_spans = coalesce((
			SELECT range_agg(daterange(lc.starts_on, e.ends, '[]'))
			FROM licences l JOIN licence_cycles lc ON lc.licence_id = l.id
				CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN lc.outcome = 'GRACE' THEN lc.grace_until END, lc.ends_on) AS ends) e
			WHERE l.worker_profile_id = w.id AND l.jurisdiction_id IS NOT DISTINCT FROM w.jurisdiction_id
				AND l.status <> 'REVOKED' AND e.ends >= lc.starts_on), '{}')
	FROM (SELECT DISTINCT unnest(ids) AS id) t
	WHERE w.id = t.id -- a join, not = ANY(ids): a bulk insert passes 100,000 ids
$$;
