-- Training events, issue 14: a participant is a worker record (a person without an account takes part too), and an
-- event has its list of session days (completion is judged on those). Existing rows are carried over: every day from
-- start to end was a session day; a participant's worker record is their account's, made now for those who had none
-- yet (as issuance would have made it, in the event's jurisdiction).

-- AlterTable
ALTER TABLE "training_events" ADD COLUMN "session_days" DATE[];
UPDATE "training_events" SET "session_days" =
	ARRAY(SELECT d::date FROM generate_series("starts_on", "ends_on", interval '1 day') AS d);
ALTER TABLE "training_events" ALTER COLUMN "session_days" SET NOT NULL,
	ADD CONSTRAINT "training_events_session_days_within" CHECK (
		cardinality("session_days") > 0 AND "session_days"[1] = "starts_on"
		AND "session_days"[cardinality("session_days")] = "ends_on");

-- a worker record for every participant account that has none (one per account: the jurisdiction of its first event)
INSERT INTO "worker_profiles" ("id", "jurisdiction_id", "user_id", "email", "given_name", "family_name", "updated_at")
SELECT gen_random_uuid(), x."jurisdiction_id", u."id", u."email", split_part(u."name", ' ', 1),
	coalesce(nullif(substr(u."name", length(split_part(u."name", ' ', 1)) + 2), ''), split_part(u."name", ' ', 1)), now()
FROM "users" u
JOIN LATERAL (
	SELECT e."jurisdiction_id" FROM "event_participants" p JOIN "training_events" e ON e."id" = p."event_id"
	WHERE p."user_id" = u."id" ORDER BY p."added_at" LIMIT 1
) x ON true
WHERE NOT EXISTS (SELECT 1 FROM "worker_profiles" w WHERE w."user_id" = u."id");

-- AlterTable
DROP INDEX "event_participants_user_id_idx";
ALTER TABLE "event_participants" ADD COLUMN "worker_id" UUID;
UPDATE "event_participants" p SET "worker_id" = w."id" FROM "worker_profiles" w WHERE w."user_id" = p."user_id";
ALTER TABLE "event_participants" DROP CONSTRAINT "event_participants_pkey",
	DROP COLUMN "user_id",
	ALTER COLUMN "worker_id" SET NOT NULL,
	ADD CONSTRAINT "event_participants_pkey" PRIMARY KEY ("event_id", "worker_id");

-- AlterTable
ALTER TABLE "attendance_marks" ADD COLUMN "worker_id" UUID;
UPDATE "attendance_marks" a SET "worker_id" = w."id" FROM "worker_profiles" w WHERE w."user_id" = a."user_id";
DELETE FROM "attendance_marks" WHERE "worker_id" IS NULL;
ALTER TABLE "attendance_marks" DROP CONSTRAINT "attendance_marks_pkey",
	DROP COLUMN "user_id",
	ALTER COLUMN "worker_id" SET NOT NULL,
	ADD CONSTRAINT "attendance_marks_pkey" PRIMARY KEY ("event_id", "worker_id", "day");

-- CreateIndex
CREATE INDEX "event_participants_worker_id_idx" ON "event_participants"("worker_id");

-- AddForeignKey
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "worker_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;
