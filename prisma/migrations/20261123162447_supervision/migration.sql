-- CreateEnum
CREATE TYPE "SupervisionFormat" AS ENUM ('INDIVIDUAL', 'GROUP', 'PEER');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PENDING', 'CONFIRMED', 'DISPUTED');

-- CreateTable
CREATE TABLE "supervision_settings" (
    "jurisdiction_id" UUID NOT NULL,
    "ratio_dedicated" INTEGER NOT NULL DEFAULT 10,
    "ratio_other" INTEGER NOT NULL DEFAULT 6,
    "students_count" BOOLEAN NOT NULL DEFAULT false,
    "min_years_experience" INTEGER NOT NULL DEFAULT 3,
    "require_registration" BOOLEAN NOT NULL DEFAULT true,
    "require_course" BOOLEAN NOT NULL DEFAULT true,
    "gap_weeks" INTEGER NOT NULL DEFAULT 8,
    "gap_weeks_first_year" INTEGER NOT NULL DEFAULT 4,

    CONSTRAINT "supervision_settings_pkey" PRIMARY KEY ("jurisdiction_id")
);

-- CreateTable
CREATE TABLE "supervisor_profiles" (
    "user_id" UUID NOT NULL,
    "years_experience" INTEGER NOT NULL,
    "dedicated" BOOLEAN NOT NULL DEFAULT false,
    "self_declared_registered" BOOLEAN NOT NULL DEFAULT false,
    "course_evidence_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervisor_profiles_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "supervision_assignments" (
    "id" UUID NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "supervisee_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "warnings" TEXT[],
    "overridden_by_id" UUID,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_assignments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "supervision_sessions" (
    "id" UUID NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "minutes" INTEGER NOT NULL,
    "format" "SupervisionFormat" NOT NULL,
    "functions" TEXT[],
    "private_notes" TEXT,
    "withdrawn_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "supervision_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_attendees" (
    "session_id" UUID NOT NULL,
    "supervisee_id" UUID NOT NULL,
    "status" "AttendanceStatus" NOT NULL DEFAULT 'PENDING',
    "dispute_note" TEXT,
    "responded_at" TIMESTAMPTZ(3),

    CONSTRAINT "session_attendees_pkey" PRIMARY KEY ("session_id","supervisee_id")
);

-- CreateIndex
CREATE INDEX "supervision_assignments_supervisor_id_ends_on_idx" ON "supervision_assignments"("supervisor_id", "ends_on");

-- CreateIndex
CREATE INDEX "supervision_assignments_supervisee_id_idx" ON "supervision_assignments"("supervisee_id");

-- CreateIndex
CREATE INDEX "supervision_sessions_supervisor_id_date_idx" ON "supervision_sessions"("supervisor_id", "date");

-- CreateIndex
CREATE INDEX "session_attendees_supervisee_id_status_idx" ON "session_attendees"("supervisee_id", "status");

-- AddForeignKey
ALTER TABLE "session_attendees" ADD CONSTRAINT "session_attendees_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "supervision_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
