-- CreateEnum
CREATE TYPE "PlacementStatus" AS ENUM ('PLANNED', 'ACTIVE', 'COMPLETED', 'ENDED_EARLY', 'TRANSFERRED');

-- CreateEnum
CREATE TYPE "HoursStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PracticumOutcome" AS ENUM ('PASS', 'FAIL', 'INCOMPLETE');

-- CreateTable
CREATE TABLE "practicum_settings" (
    "organisation_id" UUID NOT NULL,
    "hour_step" DECIMAL(4,2) NOT NULL DEFAULT 0.25,
    "max_per_entry" DECIMAL(5,2) NOT NULL DEFAULT 12,
    "max_per_day" DECIMAL(5,2) NOT NULL DEFAULT 24,
    "stale_days" INTEGER NOT NULL DEFAULT 14,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practicum_settings_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateTable
CREATE TABLE "field_agreements" (
    "id" UUID NOT NULL,
    "university_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "document_file_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "field_agreements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "placements" (
    "id" UUID NOT NULL,
    "agreement_id" UUID NOT NULL,
    "university_id" UUID NOT NULL,
    "agency_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "student_id" UUID NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "instructor_id" UUID,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "required_hours" DECIMAL(7,2) NOT NULL,
    "carried_hours" DECIMAL(7,2) NOT NULL DEFAULT 0,
    "status" "PlacementStatus" NOT NULL DEFAULT 'PLANNED',
    "transferred_from_id" UUID,
    "transfer_reason" TEXT,
    "competencies" TEXT[],
    "student_signed_at" TIMESTAMPTZ(3),
    "supervisor_signed_at" TIMESTAMPTZ(3),
    "coordinator_signed_at" TIMESTAMPTZ(3),
    "outcome" "PracticumOutcome",
    "outcome_by_id" UUID,
    "outcome_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "practicum_logs" (
    "id" UUID NOT NULL,
    "placement_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "hours" DECIMAL(5,2) NOT NULL,
    "activity" TEXT NOT NULL,
    "competencies" TEXT[],
    "status" "HoursStatus" NOT NULL DEFAULT 'PENDING',
    "comment" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "practicum_logs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "field_agreements_university_id_reference_key" ON "field_agreements"("university_id", "reference");

-- CreateIndex
CREATE INDEX "placements_university_id_status_idx" ON "placements"("university_id", "status");

-- CreateIndex
CREATE INDEX "placements_supervisor_id_idx" ON "placements"("supervisor_id");

-- CreateIndex
CREATE INDEX "placements_student_id_idx" ON "placements"("student_id");

-- CreateIndex
CREATE INDEX "practicum_logs_placement_id_date_idx" ON "practicum_logs"("placement_id", "date");

-- CreateIndex
CREATE INDEX "practicum_logs_placement_id_status_idx" ON "practicum_logs"("placement_id", "status");

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "field_agreements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "practicum_logs" ADD CONSTRAINT "practicum_logs_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE CASCADE ON UPDATE CASCADE;
