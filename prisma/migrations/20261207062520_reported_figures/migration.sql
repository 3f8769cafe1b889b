-- CreateEnum
CREATE TYPE "QaScorer" AS ENUM ('MINISTRY', 'REGULATOR', 'PARTNER');

-- AlterTable
ALTER TABLE "jurisdictions" ADD COLUMN     "qa_scorer" "QaScorer" NOT NULL DEFAULT 'REGULATOR',
ADD COLUMN     "qa_scorer_organisation_id" UUID;

-- AlterTable
ALTER TABLE "licences" ADD COLUMN     "status_from" DATE;

-- AlterTable
ALTER TABLE "programmes" ADD COLUMN     "recognition_from" DATE,
ADD COLUMN     "supporting_partner_id" UUID;

-- The supporting partner becomes an organisation of the register: a name (or code) that matches one of the
-- programme's jurisdiction is that organisation; any other becomes a new NGO of the register with that name.
UPDATE "programmes" p SET "supporting_partner_id" = (
	SELECT o.id FROM "organisations" o
	WHERE o.jurisdiction_id = p.jurisdiction_id
		AND (lower(o.name) = lower(trim(p.supporting_partner)) OR lower(o.code) = lower(trim(p.supporting_partner)))
	ORDER BY (lower(o.name) = lower(trim(p.supporting_partner))) DESC, o.created_at LIMIT 1)
WHERE trim(coalesce(p.supporting_partner, '')) <> '';
WITH names AS (
	SELECT DISTINCT p.jurisdiction_id, trim(p.supporting_partner) AS name FROM "programmes" p
	WHERE p.supporting_partner_id IS NULL AND trim(coalesce(p.supporting_partner, '')) <> ''
), made AS (
	INSERT INTO "organisations" (id, slug, code, name, type, jurisdiction_id)
	SELECT gen_random_uuid(), 'partner-' || substr(md5(n.jurisdiction_id::text || n.name), 1, 12),
		'PARTNER-' || upper(substr(md5(n.jurisdiction_id::text || n.name), 1, 8)), n.name, 'NGO', n.jurisdiction_id
	FROM names n
	RETURNING id, jurisdiction_id, name
)
UPDATE "programmes" p SET "supporting_partner_id" = made.id FROM made
WHERE p.supporting_partner_id IS NULL AND p.jurisdiction_id = made.jurisdiction_id AND trim(p.supporting_partner) = made.name;
ALTER TABLE "programmes" DROP COLUMN "supporting_partner";

-- AlterTable
ALTER TABLE "qa_scores" ADD COLUMN "period" INTEGER;
-- the scores so far belong to the year they were given
UPDATE "qa_scores" SET "period" = extract(year FROM scored_at)::int;
ALTER TABLE "qa_scores" ALTER COLUMN "period" SET NOT NULL;
ALTER TABLE "qa_scores" DROP CONSTRAINT "qa_scores_pkey",
ADD CONSTRAINT "qa_scores_pkey" PRIMARY KEY ("jurisdiction_id", "period", "criterion");

-- CreateTable
CREATE TABLE "licence_status_periods" (
    "id" UUID NOT NULL,
    "licence_id" UUID NOT NULL,
    "status" "LicenceStatus" NOT NULL,
    "from_on" DATE NOT NULL,
    "to_on" DATE,
    "reason" TEXT,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licence_status_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_recognition_periods" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "from_on" DATE NOT NULL,
    "to_on" DATE,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_recorded_at" TIMESTAMPTZ(3),

    CONSTRAINT "programme_recognition_periods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "published_reports" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "area_id" UUID,
    "as_of" DATE NOT NULL,
    "year" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "partner_id" UUID,
    "title" TEXT NOT NULL,
    "figures" JSONB NOT NULL,
    "published_by_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "published_reports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "published_report_rows" (
    "report_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "bucket" UUID,
    "cadre" TEXT,
    "sector" TEXT,
    "sex" TEXT,
    "track" TEXT,
    "education" BOOLEAN,
    "credential" SMALLINT NOT NULL,
    "vac_in" BOOLEAN NOT NULL,
    "vac_cert" BOOLEAN NOT NULL,
    "ram_in" BOOLEAN NOT NULL,
    "certificate_id" UUID,

    CONSTRAINT "published_report_rows_pkey" PRIMARY KEY ("report_id","worker_id")
);

-- CreateTable
CREATE TABLE "dhis2_mappings" (
    "jurisdiction_id" UUID NOT NULL,
    "mapping" JSONB NOT NULL,
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dhis2_mappings_pkey" PRIMARY KEY ("jurisdiction_id")
);

-- CreateIndex
CREATE INDEX "licence_status_periods_licence_id_from_on_idx" ON "licence_status_periods"("licence_id", "from_on");

-- CreateIndex
CREATE INDEX "programme_recognition_periods_programme_id_from_on_idx" ON "programme_recognition_periods"("programme_id", "from_on");

-- CreateIndex
CREATE INDEX "published_reports_jurisdiction_id_published_at_idx" ON "published_reports"("jurisdiction_id", "published_at");

-- AddForeignKey
ALTER TABLE "licence_status_periods" ADD CONSTRAINT "licence_status_periods_licence_id_fkey" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_supporting_partner_id_fkey" FOREIGN KEY ("supporting_partner_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_recognition_periods" ADD CONSTRAINT "programme_recognition_periods_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "published_report_rows" ADD CONSTRAINT "published_report_rows_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "published_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The supporting partner filter of the indicators reads certificates of programmes with that partner
CREATE INDEX "programmes_supporting_partner_id_idx" ON "programmes"("supporting_partner_id");

-- ─── Licence status history ─────────────────────────────────────────────────────────────────────────────────────
-- licences.status_from is the day the current status took effect; these triggers keep licence_status_periods from
-- (status, status_from), so no writer of licences can forget the history. A change may take effect on a past day,
-- never before the current status began (that would rewrite a period already recorded).
-- A licence written without the day its status took effect: its issue date. A change of status names its day (the
-- application always does): an update that leaves status_from as it was changes the status from the day the current
-- status began (it replaces that period).
CREATE FUNCTION licences_status_from_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.status_from := coalesce(NEW.status_from, NEW.issued_on);
	RETURN NEW;
END $$;
CREATE TRIGGER licences_status_from BEFORE INSERT ON licences
	FOR EACH ROW EXECUTE FUNCTION licences_status_from_default();

CREATE FUNCTION licences_status_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		-- a licence recorded as lapsed, suspended or revoked since a day after its issue was active until then
		INSERT INTO licence_status_periods (id, licence_id, status, from_on, to_on)
		SELECT gen_random_uuid(), n.id, 'ACTIVE', n.issued_on, n.status_from - 1 FROM new_rows n
		WHERE n.status <> 'ACTIVE' AND n.status_from > n.issued_on;
		INSERT INTO licence_status_periods (id, licence_id, status, from_on, reason)
		SELECT gen_random_uuid(), n.id, n.status, n.status_from, n.status_reason FROM new_rows n;
		RETURN NULL;
	END IF;
	-- the licences whose status or its effective date changed in this statement
	IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
		JOIN licence_status_periods p ON p.licence_id = n.id AND p.to_on IS NULL
		WHERE (n.status, n.status_from) IS DISTINCT FROM (o.status, o.status_from) AND n.status_from < p.from_on) THEN
		RAISE EXCEPTION 'a licence status cannot take effect before the current status began' USING ERRCODE = 'check_violation';
	END IF;
	-- a change on the day the current status began replaces it (it held for no day)
	UPDATE licence_status_periods p SET status = n.status, reason = n.status_reason, recorded_at = now()
	FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE (n.status, n.status_from) IS DISTINCT FROM (o.status, o.status_from)
		AND p.licence_id = n.id AND p.to_on IS NULL AND p.from_on = n.status_from;
	-- a later one ends it the day before and begins its own period
	UPDATE licence_status_periods p SET to_on = n.status_from - 1
	FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE (n.status, n.status_from) IS DISTINCT FROM (o.status, o.status_from)
		AND p.licence_id = n.id AND p.to_on IS NULL AND p.from_on < n.status_from;
	INSERT INTO licence_status_periods (id, licence_id, status, from_on, reason)
	SELECT gen_random_uuid(), n.id, n.status, n.status_from, n.status_reason FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE (n.status, n.status_from) IS DISTINCT FROM (o.status, o.status_from)
		AND NOT EXISTS (SELECT 1 FROM licence_status_periods p WHERE p.licence_id = n.id AND p.to_on IS NULL);
	RETURN NULL;
END $$;
-- named to sort before licences_spans_update: statement triggers of one event fire in name order, and the spans read
-- the history
CREATE TRIGGER licences_history_insert AFTER INSERT ON licences REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licences_status_history();
CREATE TRIGGER licences_history_update AFTER UPDATE ON licences REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION licences_status_history();

-- The history so far: a licence that is not active took its status on the day of its last status change in the audit
-- trail (in the jurisdiction's time zone; a lapse is a renewal decision), else on its issue date; before that it was
-- active.
UPDATE licences l SET status_from = l.issued_on;
UPDATE licences l SET status_from = greatest(l.issued_on, (
	SELECT (max(a.at) AT TIME ZONE j.time_zone)::date FROM audit_events a
	WHERE a.subject_type = 'licence' AND a.subject_id = l.id::text
		AND a.action = CASE l.status WHEN 'LAPSED' THEN 'licence.lapsed' ELSE 'licence.status_' || lower(l.status::text) END))
FROM jurisdictions j
WHERE j.id = l.jurisdiction_id AND l.status <> 'ACTIVE' AND EXISTS (
	SELECT 1 FROM audit_events a WHERE a.subject_type = 'licence' AND a.subject_id = l.id::text
		AND a.action = CASE l.status WHEN 'LAPSED' THEN 'licence.lapsed' ELSE 'licence.status_' || lower(l.status::text) END);
INSERT INTO licence_status_periods (id, licence_id, status, from_on, to_on, reason)
SELECT gen_random_uuid(), l.id, 'ACTIVE', l.issued_on, l.status_from - 1, NULL FROM licences l
WHERE l.status <> 'ACTIVE' AND l.status_from > l.issued_on;
INSERT INTO licence_status_periods (id, licence_id, status, from_on, reason)
SELECT gen_random_uuid(), l.id, l.status, l.status_from, l.status_reason FROM licences l;

-- ─── Programme recognition periods ──────────────────────────────────────────────────────────────────────────────
-- programmes.recognition_from is the day the last recognition decision took effect: granted from (CONFIRMED) or
-- withdrawn from (WITHDRAWN). The periods are kept from it by these triggers.
-- A programme written as already recognised with no date (a seed, an import of what a regulator decided elsewhere)
-- counts as it did before recognition had dates: since before any record. A later decision names its day (the
-- application always does); one that leaves recognition_from as it was is refused by the checks below.
CREATE FUNCTION programmes_recognition_from_default() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.recognition_status = 'CONFIRMED' THEN
		NEW.recognition_from := coalesce(NEW.recognition_from, DATE '1900-01-01');
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER programmes_recognition_from BEFORE INSERT ON programmes
	FOR EACH ROW EXECUTE FUNCTION programmes_recognition_from_default();

CREATE FUNCTION programmes_recognition_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO programme_recognition_periods (id, programme_id, from_on)
		SELECT gen_random_uuid(), n.id, n.recognition_from FROM new_rows n WHERE n.recognition_status = 'CONFIRMED';
		RETURN NULL;
	END IF;
	-- withdrawn (left CONFIRMED): the open period ends the day before; it must have held for a day at least
	IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
		JOIN programme_recognition_periods p ON p.programme_id = n.id AND p.to_on IS NULL
		WHERE o.recognition_status = 'CONFIRMED' AND n.recognition_status <> 'CONFIRMED' AND n.recognition_from <= p.from_on) THEN
		RAISE EXCEPTION 'a recognition cannot be withdrawn from a day before it began' USING ERRCODE = 'check_violation';
	END IF;
	UPDATE programme_recognition_periods p SET to_on = n.recognition_from - 1, withdrawn_recorded_at = now()
	FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE p.programme_id = n.id AND p.to_on IS NULL AND o.recognition_status = 'CONFIRMED' AND n.recognition_status <> 'CONFIRMED';
	-- granted (entered CONFIRMED): a new period, after any earlier one
	IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
		JOIN programme_recognition_periods p ON p.programme_id = n.id
		WHERE o.recognition_status <> 'CONFIRMED' AND n.recognition_status = 'CONFIRMED' AND n.recognition_from <= p.to_on) THEN
		RAISE EXCEPTION 'a recognition cannot begin before an earlier one ended' USING ERRCODE = 'check_violation';
	END IF;
	INSERT INTO programme_recognition_periods (id, programme_id, from_on)
	SELECT gen_random_uuid(), n.id, n.recognition_from FROM new_rows n JOIN old_rows o ON o.id = n.id
	WHERE o.recognition_status <> 'CONFIRMED' AND n.recognition_status = 'CONFIRMED';
	RETURN NULL;
END $$;
CREATE TRIGGER programmes_history_insert AFTER INSERT ON programmes REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION programmes_recognition_history();
CREATE TRIGGER programmes_history_update AFTER UPDATE ON programmes REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION programmes_recognition_history();

-- The recognitions so far: a confirmed programme is recognised from early enough that every certificate it issued
-- keeps counting as it did (its recognition date, its first certificate or its creation, whichever is first); the
-- regulator records any later change with its effective date. A withdrawn one counted nothing and has no period.
UPDATE programmes p SET recognition_from = least(p.recognition_date, p.created_at::date,
	(SELECT min(c.issued_on) FROM certificates c WHERE c.programme_id = p.id))
WHERE p.recognition_status = 'CONFIRMED';
INSERT INTO programme_recognition_periods (id, programme_id, from_on)
SELECT gen_random_uuid(), p.id, p.recognition_from FROM programmes p WHERE p.recognition_status = 'CONFIRMED';

-- ─── The spans the indicators read, now from the dated history ─────────────────────────────────────────────────
-- certified: each certificate's validity on the days its programme was recognised; licensed: each cycle on the days
-- its licence was ACTIVE (a suspension, a revocation or a lapse ends it from its effective date, not retroactively).
CREATE OR REPLACE FUNCTION refresh_worker_spans(ids uuid[]) RETURNS void LANGUAGE sql SET enable_seqscan = off AS $$
	UPDATE worker_profiles w SET
		(certified_strict, certified_aggregate) = (
			SELECT coalesce(range_agg(r.span) FILTER (WHERE p.child_victims), '{}'), coalesce(range_agg(r.span), '{}')
			FROM certificates c JOIN programmes p ON p.id = c.programme_id
				JOIN programme_recognition_periods rp ON rp.programme_id = p.id
				-- least() skips nulls: no expiry and no revocation is an open end
				CROSS JOIN LATERAL (SELECT least(c.expires_on, c.revoked_on - 1) AS last_day) e
				CROSS JOIN LATERAL (SELECT daterange(c.issued_on, e.last_day, '[]') * daterange(rp.from_on, rp.to_on, '[]') AS span) r
			WHERE c.worker_id = w.id AND c.jurisdiction_id IS NOT DISTINCT FROM w.jurisdiction_id
				AND p.jurisdiction_id = w.jurisdiction_id
				AND (p.child_victims OR p.child_protection)
				AND (e.last_day IS NULL OR e.last_day >= c.issued_on) AND NOT isempty(r.span)),
		licensed_spans = coalesce((
			SELECT range_agg(r.span)
			FROM licences l JOIN licence_cycles lc ON lc.licence_id = l.id
				JOIN licence_status_periods sp ON sp.licence_id = l.id AND sp.status = 'ACTIVE'
				CROSS JOIN LATERAL (SELECT coalesce(CASE WHEN lc.outcome = 'GRACE' THEN lc.grace_until END, lc.ends_on) AS ends) e
				CROSS JOIN LATERAL (SELECT daterange(lc.starts_on, e.ends, '[]') * daterange(sp.from_on, sp.to_on, '[]') AS span) r
			WHERE l.worker_profile_id = w.id AND l.jurisdiction_id IS NOT DISTINCT FROM w.jurisdiction_id
				AND e.ends >= lc.starts_on AND NOT isempty(r.span)), '{}')
	FROM (SELECT DISTINCT unnest(ids) AS id) t
	WHERE w.id = t.id
$$;

-- the spans move when a recognition's or a status's effective date does
CREATE OR REPLACE FUNCTION programmes_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM refresh_worker_spans(ARRAY(
		SELECT DISTINCT c.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN certificates c ON c.programme_id = n.id
		WHERE c.worker_id IS NOT NULL
			AND (n.jurisdiction_id, n.recognition_status, n.recognition_from, n.child_victims, n.child_protection)
				IS DISTINCT FROM (o.jurisdiction_id, o.recognition_status, o.recognition_from, o.child_victims, o.child_protection)));
	RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION licences_refresh_spans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM refresh_worker_spans(ARRAY(SELECT DISTINCT worker_profile_id FROM old_rows WHERE worker_profile_id IS NOT NULL));
	ELSE
		PERFORM refresh_worker_spans(ARRAY(
			SELECT x.worker_id FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.worker_profile_id), (o.worker_profile_id)) x(worker_id)
			WHERE x.worker_id IS NOT NULL
				AND (n.worker_profile_id, n.jurisdiction_id, n.status, n.status_from)
					IS DISTINCT FROM (o.worker_profile_id, o.jurisdiction_id, o.status, o.status_from)));
	END IF;
	RETURN NULL;
END $$;

SELECT refresh_worker_spans(ARRAY(
	SELECT worker_id FROM certificates WHERE worker_id IS NOT NULL
	UNION SELECT worker_profile_id FROM licences WHERE worker_profile_id IS NOT NULL));
