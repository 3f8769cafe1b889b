-- AlterTable
ALTER TABLE "cpd_entries" ADD COLUMN     "activity_type" TEXT NOT NULL DEFAULT 'in-person',
ADD COLUMN     "hours" DECIMAL(6,2);

-- AlterTable
ALTER TABLE "renewal_rules" ADD COLUMN     "activity_caps" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "activity_rates" JSONB NOT NULL DEFAULT '{}';

-- Content area and activity type are two things now (issue 18). "self-directed" was a format, not a subject: its
-- entries become the activity type "self-study" in the area "practice", and its caps become caps of that type.
-- Every other entry takes the type it was delivered as: modules are assessed e-learning; external activities were
-- recorded as training attended (in person) — the worker or a reviewer can correct a pending claim. Decided cycles
-- keep their snapshots as decided (licensing/snapshots.ts); this changes no recorded verdict.
UPDATE "cpd_entries" SET "activity_type" = CASE
    WHEN "source" = 'MODULE' THEN 'e-learning'
    WHEN "category" = 'self-directed' THEN 'self-study'
    ELSE 'in-person' END;
UPDATE "cpd_entries" SET "category" = 'practice' WHERE "category" = 'self-directed';
UPDATE "cpd_entries" SET "approved_category" = 'practice' WHERE "approved_category" = 'self-directed';
UPDATE "module_accreditations" SET "category" = 'practice' WHERE "category" = 'self-directed';
UPDATE "renewal_rules" SET
    "activity_caps" = jsonb_build_object('self-study', "category_caps" -> 'self-directed'),
    "category_caps" = "category_caps" - 'self-directed'
  WHERE "category_caps" ? 'self-directed';
UPDATE "renewal_rules" SET "category_minimums" = "category_minimums" - 'self-directed'
  WHERE "category_minimums" ? 'self-directed';
ALTER TABLE "cpd_entries" ALTER COLUMN "activity_type" DROP DEFAULT;
