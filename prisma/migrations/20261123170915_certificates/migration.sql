-- CreateEnum
CREATE TYPE "RecognitionStatus" AS ENUM ('NONE', 'REQUESTED', 'CONFIRMED', 'REFUSED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "EventMode" AS ENUM ('IN_PERSON', 'LIVE_ONLINE');

-- CreateTable
CREATE TABLE "programmes" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "track" TEXT,
    "competencies" TEXT[],
    "requires_event" BOOLEAN NOT NULL DEFAULT false,
    "min_practicum_hours" DECIMAL(7,2),
    "min_supervision_hours" DECIMAL(7,2),
    "validity_months" INTEGER,
    "child_victims" BOOLEAN NOT NULL DEFAULT false,
    "child_protection" BOOLEAN NOT NULL DEFAULT false,
    "supporting_partner" TEXT,
    "auto_issue" BOOLEAN NOT NULL DEFAULT true,
    "government_recognised" BOOLEAN NOT NULL DEFAULT false,
    "approved_provider" BOOLEAN NOT NULL DEFAULT false,
    "recognition_reference" TEXT,
    "recognition_date" DATE,
    "recognition_status" "RecognitionStatus" NOT NULL DEFAULT 'NONE',
    "recognition_note" TEXT,
    "recognition_decided_by_id" UUID,
    "recognition_decided_at" TIMESTAMPTZ(3),
    "archived_at" TIMESTAMPTZ(3),
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "programmes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "programme_modules" (
    "programme_id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "min_score" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "programme_modules_pkey" PRIMARY KEY ("programme_id","module_id")
);

-- CreateTable
CREATE TABLE "training_events" (
    "id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "mode" "EventMode" NOT NULL,
    "venue" TEXT,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "facilitators" TEXT[],
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_participants" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_participants_pkey" PRIMARY KEY ("event_id","user_id")
);

-- CreateTable
CREATE TABLE "attendance_marks" (
    "event_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "present" BOOLEAN NOT NULL,
    "make_up" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attendance_marks_pkey" PRIMARY KEY ("event_id","user_id","day")
);

-- CreateTable
CREATE TABLE "certificates" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "programme_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "worker_id" UUID NOT NULL,
    "holder_name" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issued_on" DATE NOT NULL,
    "expires_on" DATE,
    "revoked_at" TIMESTAMPTZ(3),
    "revoke_reason" TEXT,
    "revoked_by_id" UUID,
    "event_id" UUID,
    "issued_by_id" UUID,
    "competencies" TEXT[],
    "evidence" JSONB NOT NULL,
    "credential" JSONB,

    CONSTRAINT "certificates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "issuer_keys" (
    "organisation_id" UUID NOT NULL,
    "key_id" TEXT NOT NULL,
    "public_key_multibase" TEXT NOT NULL,
    "sealed_secret" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "issuer_keys_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateTable
CREATE TABLE "qa_scores" (
    "jurisdiction_id" UUID NOT NULL,
    "criterion" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "justification" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "scored_by_id" UUID NOT NULL,
    "scored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "qa_scores_pkey" PRIMARY KEY ("jurisdiction_id","criterion")
);

-- CreateTable
CREATE TABLE "qa_stage_descriptors" (
    "jurisdiction_id" UUID NOT NULL,
    "criterion" INTEGER NOT NULL,
    "stage" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "qa_stage_descriptors_pkey" PRIMARY KEY ("jurisdiction_id","criterion","stage")
);

-- CreateIndex
CREATE INDEX "programmes_jurisdiction_id_recognition_status_idx" ON "programmes"("jurisdiction_id", "recognition_status");

-- CreateIndex
CREATE UNIQUE INDEX "programmes_provider_id_code_key" ON "programmes"("provider_id", "code");

-- CreateIndex
CREATE INDEX "programme_modules_module_id_idx" ON "programme_modules"("module_id");

-- CreateIndex
CREATE INDEX "training_events_programme_id_starts_on_idx" ON "training_events"("programme_id", "starts_on");

-- CreateIndex
CREATE INDEX "event_participants_user_id_idx" ON "event_participants"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates"("code");

-- CreateIndex
CREATE INDEX "certificates_user_id_idx" ON "certificates"("user_id");

-- CreateIndex
CREATE INDEX "certificates_worker_id_idx" ON "certificates"("worker_id");

-- CreateIndex
CREATE INDEX "certificates_jurisdiction_id_issued_on_idx" ON "certificates"("jurisdiction_id", "issued_on");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_programme_id_user_id_sequence_key" ON "certificates"("programme_id", "user_id", "sequence");

-- AddForeignKey
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "programme_modules" ADD CONSTRAINT "programme_modules_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "training_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "training_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_programme_id_fkey" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
