-- Verification lookups are batched (src/lib/server/batch.ts): the lookups that arrive together count against their
-- clients' rate limits in one call. Each is counted exactly as one lookup was before, in order (same window, same
-- lock), inside one statement, so several lookups from one address no longer wait on each other's row lock across
-- round trips. Returns, per position, the lock end after that lookup counted (a lookup is refused while it is later
-- than its time).
CREATE FUNCTION verify_hits(keys text[], nows timestamptz[], window_ms integer, lim integer, lock_ms integer)
RETURNS TABLE (pos integer, until timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
	t timestamptz;
	ws timestamptz;
BEGIN
	FOR i IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
		t := nows[i];
		ws := t - make_interval(secs => window_ms / 1000.0);
		INSERT INTO rate_limits AS r (key, count, window_start) VALUES (keys[i], 1, t)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN r.locked_until > t THEN r.count
				WHEN r.window_start <= ws THEN 1 ELSE r.count + 1 END,
			window_start = CASE WHEN r.locked_until > t THEN r.window_start
				WHEN r.window_start <= ws THEN t ELSE r.window_start END,
			locked_until = CASE WHEN r.locked_until > t THEN r.locked_until
				WHEN r.window_start > ws AND r.count + 1 >= lim THEN t + make_interval(secs => lock_ms / 1000.0)
				ELSE r.locked_until END
		RETURNING r.locked_until INTO until;
		pos := i;
		RETURN NEXT;
	END LOOP;
END
$$;
