-- Issue 13: a jurisdiction set up from nothing. Area levels named by the country (the fixed region/district/ward
-- enum becomes a depth and a name per depth), child population per area per year with its source, organisations by
-- the jurisdiction's own code, dated child-protection responsibility, account-link proposals, import previews.
-- Existing data is carried over: levels by depth, each leaf's figure as an entry of its year, slugs as codes, the
-- responsibility flag as a span from the employment start.

-- AlterTable
ALTER TABLE "jurisdictions" ADD COLUMN     "default_locale" TEXT NOT NULL DEFAULT 'en';




-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "confirmed_at" TIMESTAMPTZ(3),
ADD COLUMN     "confirmed_by_id" UUID,
ADD COLUMN     "preview" JSONB;


-- CreateTable
CREATE TABLE "area_levels" (
    "jurisdiction_id" UUID NOT NULL,
    "depth" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "area_levels_pkey" PRIMARY KEY ("jurisdiction_id","depth")
);

-- CreateTable
CREATE TABLE "area_populations" (
    "id" UUID NOT NULL,
    "area_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "population" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "entered_by_id" UUID,
    "entered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "area_populations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_link_proposals" (
    "id" UUID NOT NULL,
    "worker_profile_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "worker_link_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "area_levels_jurisdiction_id_name_key" ON "area_levels"("jurisdiction_id", "name");

-- CreateIndex
CREATE INDEX "area_populations_jurisdiction_id_year_idx" ON "area_populations"("jurisdiction_id", "year");

-- CreateIndex
CREATE UNIQUE INDEX "area_populations_area_id_year_key" ON "area_populations"("area_id", "year");

-- CreateIndex
CREATE INDEX "worker_link_proposals_jurisdiction_id_status_idx" ON "worker_link_proposals"("jurisdiction_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "worker_link_proposals_worker_profile_id_user_id_key" ON "worker_link_proposals"("worker_profile_id", "user_id");

-- AddForeignKey
ALTER TABLE "area_levels" ADD CONSTRAINT "area_levels_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "area_populations" ADD CONSTRAINT "area_populations_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "admin_areas"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "area_populations" ADD CONSTRAINT "area_populations_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_link_proposals" ADD CONSTRAINT "worker_link_proposals_worker_profile_id_fkey" FOREIGN KEY ("worker_profile_id") REFERENCES "worker_profiles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_link_proposals" ADD CONSTRAINT "worker_link_proposals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_link_proposals" ADD CONSTRAINT "worker_link_proposals_jurisdiction_id_fkey" FOREIGN KEY ("jurisdiction_id") REFERENCES "jurisdictions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Carry the data over ------------------------------------------------------------------------------------------------

ALTER TABLE "admin_areas" ADD COLUMN "depth" INTEGER NOT NULL DEFAULT 0;
UPDATE "admin_areas" SET "depth" = CASE "level" WHEN 'REGION' THEN 0 WHEN 'DISTRICT' THEN 1 ELSE 2 END;
INSERT INTO "area_levels" ("jurisdiction_id", "depth", "name")
SELECT DISTINCT "jurisdiction_id", "depth", CASE "depth" WHEN 0 THEN 'Region' WHEN 1 THEN 'District' ELSE 'Ward' END
FROM "admin_areas";
INSERT INTO "area_populations" ("id", "area_id", "jurisdiction_id", "year", "population", "source")
SELECT gen_random_uuid(), a."id", a."jurisdiction_id", a."population_year", a."child_population", 'Entered before yearly figures were kept'
FROM "admin_areas" a
WHERE a."child_population" IS NOT NULL AND a."population_year" IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM "admin_areas" c WHERE c."parent_id" = a."id");
ALTER TABLE "admin_areas" DROP COLUMN "child_population", DROP COLUMN "level", DROP COLUMN "population_year";
DROP TYPE "AreaLevel";

ALTER TABLE "organisations" ADD COLUMN "code" TEXT;
UPDATE "organisations" SET "code" = "slug";
ALTER TABLE "organisations" ALTER COLUMN "code" SET NOT NULL;
CREATE UNIQUE INDEX "organisations_jurisdiction_id_code_key" ON "organisations"("jurisdiction_id", "code");

ALTER TABLE "worker_profiles" ADD COLUMN "cp_from" DATE, ADD COLUMN "cp_to" DATE;
UPDATE "worker_profiles" SET "cp_from" = coalesce("employment_start", "created_at"::date)
WHERE "child_protection_responsibility";
ALTER TABLE "worker_profiles" DROP COLUMN "child_protection_responsibility";
