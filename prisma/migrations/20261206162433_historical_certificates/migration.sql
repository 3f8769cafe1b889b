-- CreateEnum
CREATE TYPE "CertificateSource" AS ENUM ('ISSUED', 'RECORDED');

-- DropIndex
DROP INDEX "certificates_programme_id_user_id_sequence_key";

-- AlterTable
ALTER TABLE "programmes" ADD COLUMN     "contact_hours" DECIMAL(7,2),
ADD COLUMN     "delivered_outside" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "certificates" ADD COLUMN     "external_number" TEXT,
ADD COLUMN     "recorded_from_id" UUID,
ADD COLUMN     "revoked_on" DATE,
ADD COLUMN     "source" "CertificateSource" NOT NULL DEFAULT 'ISSUED',
ALTER COLUMN "user_id" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "certificates_programme_id_worker_id_sequence_key" ON "certificates"("programme_id", "worker_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_recorded_from_id_external_number_key" ON "certificates"("recorded_from_id", "external_number");

-- A revocation decided before effective dates existed took effect on the day it was decided (in the jurisdiction's
-- time zone).
UPDATE "certificates" c SET "revoked_on" = (c."revoked_at" AT TIME ZONE j."time_zone")::date
FROM "jurisdictions" j WHERE j."id" = c."jurisdiction_id" AND c."revoked_at" IS NOT NULL;

-- A certificate counts from its issue date to its expiry, and no longer from its revocation's effective date: an as-of
-- report for a day before the revocation still counts it (was: a revoked certificate counted on no day at all).
CREATE OR REPLACE FUNCTION refresh_worker_spans(ids uuid[]) RETURNS void LANGUAGE sql SET enable_seqscan = off AS $$
	UPDATE worker_profiles w SET
		-- the worker's certificates are read once for both scopes
		(certified_strict, certified_aggregate) = (
			SELECT coalesce(range_agg(daterange(c.issued_on, e.last_day, '[]')) FILTER (WHERE p.child_victims), '{}'),
				coalesce(range_agg(daterange(c.issued_on, e.last_day, '[]')), '{}')
			FROM certificates c JOIN programmes p ON p.id = c.programme_id
				-- least() skips nulls: no expiry and no revocation is an open end
				CROSS JOIN LATERAL (SELECT least(c.expires_on, c.revoked_on - 1) AS last_day) e
			WHERE c.worker_id = w.id AND c.jurisdiction_id = w.jurisdiction_id AND p.jurisdiction_id = w.jurisdiction_id
				AND p.recognition_status = 'CONFIRMED' AND (p.child_victims OR p.child_protection)
				AND (e.last_day IS NULL OR e.last_day >= c.issued_on)),
		licensed_spans = coalesce((
			SELECT range_agg(daterange(lc.starts_on, e.ends, '[]'))
			FROM licences l JOIN licence_cycles lc ON lc.licence_id = l.id
				CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN lc.outcome = 'GRACE' THEN lc.grace_until END, lc.ends_on) AS ends) e
			WHERE l.worker_profile_id = w.id AND l.jurisdiction_id = w.jurisdiction_id AND l.status <> 'REVOKED'
				AND e.ends >= lc.starts_on), '{}')
	FROM (SELECT DISTINCT unnest(ids) AS id) t
	WHERE w.id = t.id -- a join, not = ANY(ids): a bulk insert passes 100,000 ids
$$;

CREATE OR REPLACE FUNCTION certificates_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_id FROM new_rows WHERE worker_id IS NOT NULL));
	ELSIF TG_OP = 'DELETE' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_id FROM old_rows WHERE worker_id IS NOT NULL));
	ELSE
		PERFORM refresh_worker_spans(ARRAY(
			SELECT x.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.worker_id), (o.worker_id)) x(worker_id)
			WHERE x.worker_id IS NOT NULL
				AND (n.worker_id, n.programme_id, n.jurisdiction_id, n.issued_on, n.expires_on, n.revoked_on)
					IS DISTINCT FROM (o.worker_id, o.programme_id, o.jurisdiction_id, o.issued_on, o.expires_on, o.revoked_on)));
	END IF;
	RETURN NULL;
END $$;

-- the spans of every worker with a revoked certificate, now that it counts until its revocation
SELECT refresh_worker_spans(ARRAY(SELECT DISTINCT worker_id FROM certificates WHERE revoked_on IS NOT NULL));
