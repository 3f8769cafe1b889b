-- AlterTable
ALTER TABLE "worker_profiles" ADD COLUMN     "certified_aggregate" datemultirange NOT NULL DEFAULT '{}'::datemultirange,
ADD COLUMN     "certified_strict" datemultirange NOT NULL DEFAULT '{}'::datemultirange,
ADD COLUMN     "licensed_spans" datemultirange NOT NULL DEFAULT '{}'::datemultirange;

-- The indicators read these three columns instead of joining certificates, programmes, licences and cycles for every
-- worker in the report: triggers keep them exact in the same transaction as any change that moves them, so a revoked
-- certificate or a withdrawn recognition stops counting at once (it is not a cache).
-- Each worker's spans come from its own rows through the worker_id / worker_profile_id / licence_id indexes. Inside a
-- bulk insert the planner may not know yet that a table has grown (no ANALYZE since), and would then scan it once per
-- worker: enable_seqscan = off keeps it on the indexes.
CREATE FUNCTION refresh_worker_spans(ids uuid[]) RETURNS void LANGUAGE sql SET enable_seqscan = off AS $$
	UPDATE worker_profiles w SET
		-- the worker's certificates are read once for both scopes
		(certified_strict, certified_aggregate) = (
			SELECT coalesce(range_agg(daterange(c.issued_on, c.expires_on, '[]')) FILTER (WHERE p.child_victims), '{}'),
				coalesce(range_agg(daterange(c.issued_on, c.expires_on, '[]')), '{}')
			FROM certificates c JOIN programmes p ON p.id = c.programme_id
			WHERE c.worker_id = w.id AND c.jurisdiction_id = w.jurisdiction_id AND p.jurisdiction_id = w.jurisdiction_id
				AND c.revoked_at IS NULL AND p.recognition_status = 'CONFIRMED' AND (p.child_victims OR p.child_protection)
				AND (c.expires_on IS NULL OR c.expires_on >= c.issued_on)),
		licensed_spans = coalesce((
			SELECT range_agg(daterange(lc.starts_on, e.ends, '[]'))
			FROM licences l JOIN licence_cycles lc ON lc.licence_id = l.id
				CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN lc.outcome = 'GRACE' THEN lc.grace_until END, lc.ends_on) AS ends) e
			WHERE l.worker_profile_id = w.id AND l.jurisdiction_id = w.jurisdiction_id AND l.status <> 'REVOKED'
				AND e.ends >= lc.starts_on), '{}')
	FROM (SELECT DISTINCT unnest(ids) AS id) t
	WHERE w.id = t.id -- a join, not = ANY(ids): a bulk insert passes 100,000 ids
$$;

-- certificates: a new, removed or changed certificate (only the columns the spans depend on)
CREATE FUNCTION certificates_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_id FROM new_rows WHERE worker_id IS NOT NULL));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_id FROM old_rows WHERE worker_id IS NOT NULL));
	ELSE
		PERFORM refresh_worker_spans(ARRAY(
			SELECT x.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.worker_id), (o.worker_id)) x(worker_id)
			WHERE x.worker_id IS NOT NULL
				AND (n.worker_id, n.programme_id, n.jurisdiction_id, n.issued_on, n.expires_on, n.revoked_at)
					IS DISTINCT FROM (o.worker_id, o.programme_id, o.jurisdiction_id, o.issued_on, o.expires_on, o.revoked_at)));
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER certificates_spans_insert AFTER INSERT ON certificates REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION certificates_refresh_spans();
CREATE TRIGGER certificates_spans_update AFTER UPDATE ON certificates REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION certificates_refresh_spans();
CREATE TRIGGER certificates_spans_delete AFTER DELETE ON certificates REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION certificates_refresh_spans();

-- programmes: recognition confirmed or withdrawn, a scope flag changed
CREATE FUNCTION programmes_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM refresh_worker_spans(ARRAY(
		SELECT DISTINCT c.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN certificates c ON c.programme_id = n.id
		WHERE c.worker_id IS NOT NULL
			AND (n.jurisdiction_id, n.recognition_status, n.child_victims, n.child_protection)
				IS DISTINCT FROM (o.jurisdiction_id, o.recognition_status, o.child_victims, o.child_protection)));
	RETURN NULL;
END $$;
CREATE TRIGGER programmes_spans_update AFTER UPDATE ON programmes REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION programmes_refresh_spans();

-- licences: holder, jurisdiction or status changed, or a licence removed (its cycles' trigger covers new ones)
CREATE FUNCTION licences_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_profile_id FROM old_rows WHERE worker_profile_id IS NOT NULL));
	ELSE
		PERFORM refresh_worker_spans(ARRAY(
			SELECT x.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.worker_profile_id), (o.worker_profile_id)) x(worker_id)
			WHERE x.worker_id IS NOT NULL
				AND (n.worker_profile_id, n.jurisdiction_id, n.status) IS DISTINCT FROM (o.worker_profile_id, o.jurisdiction_id, o.status)));
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER licences_spans_update AFTER UPDATE ON licences REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licences_refresh_spans();
CREATE TRIGGER licences_spans_delete AFTER DELETE ON licences REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licences_refresh_spans();

-- licence cycles: any new, removed or changed cycle
CREATE FUNCTION licence_cycles_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT l.worker_profile_id FROM licences l WHERE l.worker_profile_id IS NOT NULL
			AND l.id IN (SELECT licence_id FROM new_rows)));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT l.worker_profile_id FROM licences l WHERE l.worker_profile_id IS NOT NULL
			AND l.id IN (SELECT licence_id FROM old_rows)));
	ELSE
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT l.worker_profile_id FROM licences l WHERE l.worker_profile_id IS NOT NULL
			AND l.id IN (SELECT x.licence_id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.licence_id), (o.licence_id)) x(licence_id)
				WHERE (n.licence_id, n.starts_on, n.ends_on, n.outcome, n.grace_until) IS DISTINCT FROM (o.licence_id, o.starts_on, o.ends_on, o.outcome, o.grace_until))));
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER licence_cycles_spans_insert AFTER INSERT ON licence_cycles REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licence_cycles_refresh_spans();
CREATE TRIGGER licence_cycles_spans_update AFTER UPDATE ON licence_cycles REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licence_cycles_refresh_spans();
CREATE TRIGGER licence_cycles_spans_delete AFTER DELETE ON licence_cycles REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licence_cycles_refresh_spans();

-- a worker moved to another jurisdiction: their certificates and licences there (or none) count
CREATE FUNCTION worker_profiles_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM refresh_worker_spans(ARRAY[NEW.id]);
	RETURN NULL;
END $$;
CREATE TRIGGER worker_profiles_spans_jurisdiction AFTER UPDATE OF jurisdiction_id ON worker_profiles
	FOR EACH ROW WHEN (OLD.jurisdiction_id IS DISTINCT FROM NEW.jurisdiction_id) EXECUTE FUNCTION worker_profiles_refresh_spans();

-- the workers that already have certificates or licences
SELECT refresh_worker_spans(ARRAY(
	SELECT worker_id FROM certificates WHERE worker_id IS NOT NULL
	UNION SELECT worker_profile_id FROM licences WHERE worker_profile_id IS NOT NULL));
