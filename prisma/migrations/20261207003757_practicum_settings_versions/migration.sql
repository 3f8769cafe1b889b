-- AlterTable
ALTER TABLE "practicum_settings" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "max_per_day" SET DEFAULT 12;

-- AlterTable
ALTER TABLE "supervision_settings" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "practicum_settings_versions" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "hour_step" DECIMAL(4,2) NOT NULL,
    "max_per_entry" DECIMAL(5,2) NOT NULL,
    "max_per_day" DECIMAL(5,2) NOT NULL,
    "stale_days" INTEGER NOT NULL,
    "created_by_id" UUID,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practicum_settings_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervision_settings_versions" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "ratio_dedicated" INTEGER NOT NULL,
    "ratio_other" INTEGER NOT NULL,
    "students_count" BOOLEAN NOT NULL,
    "min_years_experience" INTEGER NOT NULL,
    "require_registration" BOOLEAN NOT NULL,
    "require_course" BOOLEAN NOT NULL,
    "gap_weeks" INTEGER NOT NULL,
    "gap_weeks_first_year" INTEGER NOT NULL,
    "created_by_id" UUID,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_settings_versions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "practicum_settings_versions_organisation_id_version_key" ON "practicum_settings_versions"("organisation_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "supervision_settings_versions_jurisdiction_id_version_key" ON "supervision_settings_versions"("jurisdiction_id", "version");

-- Issue 18: the daily cap defaults to 12 h. Rows still on the old default 24 take the new one (never below the
-- university's cap per entry, so that one entry stays possible).
UPDATE "practicum_settings" SET "max_per_day" = GREATEST(12, "max_per_entry") WHERE "max_per_day" = 24;
