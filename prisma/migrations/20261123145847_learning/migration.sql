-- CreateEnum
CREATE TYPE "EvidenceSource" AS ENUM ('MODULE_COMPLETION', 'PRACTICUM_EVALUATION', 'SUPERVISOR_RATING');

-- CreateEnum
CREATE TYPE "CpdSource" AS ENUM ('MODULE', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "CpdStatus" AS ENUM ('RECORDED', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "module_versions" (
    "id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "competencies" TEXT[],
    "credits" DECIMAL(6,2) NOT NULL,
    "credit_category" TEXT NOT NULL,
    "provider_slug" TEXT NOT NULL,
    "pass_mark" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "module_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "assessment_attempts" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "module_version_id" UUID NOT NULL,
    "jurisdiction_id" UUID,
    "question_ids" TEXT[],
    "answers" JSONB,
    "score" INTEGER,
    "passed" BOOLEAN,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(3),

    CONSTRAINT "assessment_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "module_completions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "module_version_id" UUID NOT NULL,
    "attempt_id" UUID NOT NULL,
    "jurisdiction_id" UUID,
    "score" INTEGER NOT NULL,
    "completed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "module_completions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "competency_evidence" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "jurisdiction_id" UUID,
    "competency_id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "source" "EvidenceSource" NOT NULL,
    "source_id" TEXT NOT NULL,
    "completion_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "competency_evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cpd_entries" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "jurisdiction_id" UUID,
    "source" "CpdSource" NOT NULL,
    "status" "CpdStatus" NOT NULL,
    "module_id" TEXT,
    "completion_id" UUID,
    "title" TEXT NOT NULL,
    "provider_slug" TEXT,
    "activity_date" DATE NOT NULL,
    "credits" DECIMAL(6,2) NOT NULL,
    "category" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cpd_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "module_versions_content_hash_key" ON "module_versions"("content_hash");

-- CreateIndex
CREATE INDEX "module_versions_module_id_idx" ON "module_versions"("module_id");

-- CreateIndex
CREATE INDEX "assessment_attempts_user_id_module_id_started_at_idx" ON "assessment_attempts"("user_id", "module_id", "started_at");

-- CreateIndex
CREATE UNIQUE INDEX "module_completions_attempt_id_key" ON "module_completions"("attempt_id");

-- CreateIndex
CREATE INDEX "module_completions_user_id_module_id_idx" ON "module_completions"("user_id", "module_id");

-- CreateIndex
CREATE UNIQUE INDEX "module_completions_user_id_module_version_id_key" ON "module_completions"("user_id", "module_version_id");

-- CreateIndex
CREATE INDEX "competency_evidence_user_id_competency_id_idx" ON "competency_evidence"("user_id", "competency_id");

-- CreateIndex
CREATE UNIQUE INDEX "competency_evidence_user_id_competency_id_source_source_id_key" ON "competency_evidence"("user_id", "competency_id", "source", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "cpd_entries_completion_id_key" ON "cpd_entries"("completion_id");

-- CreateIndex
CREATE INDEX "cpd_entries_user_id_activity_date_idx" ON "cpd_entries"("user_id", "activity_date");

-- CreateIndex
CREATE UNIQUE INDEX "cpd_entries_user_id_module_id_key" ON "cpd_entries"("user_id", "module_id");

-- AddForeignKey
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "assessment_attempts" ADD CONSTRAINT "assessment_attempts_module_version_id_fkey" FOREIGN KEY ("module_version_id") REFERENCES "module_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "module_completions" ADD CONSTRAINT "module_completions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "module_completions" ADD CONSTRAINT "module_completions_module_version_id_fkey" FOREIGN KEY ("module_version_id") REFERENCES "module_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "module_completions" ADD CONSTRAINT "module_completions_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "assessment_attempts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competency_evidence" ADD CONSTRAINT "competency_evidence_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "competency_evidence" ADD CONSTRAINT "competency_evidence_completion_id_fkey" FOREIGN KEY ("completion_id") REFERENCES "module_completions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cpd_entries" ADD CONSTRAINT "cpd_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cpd_entries" ADD CONSTRAINT "cpd_entries_completion_id_fkey" FOREIGN KEY ("completion_id") REFERENCES "module_completions"("id") ON DELETE SET NULL ON UPDATE CASCADE;
