-- CreateEnum
CREATE TYPE "AuditItemStatus" AS ENUM ('REQUESTED', 'SUBMITTED', 'PASSED', 'FAILED');

-- AlterTable
ALTER TABLE "cpd_entries" ADD COLUMN     "provider_name" TEXT;

-- CreateTable
CREATE TABLE "audit_samples" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "percent" DECIMAL(5,2) NOT NULL,
    "window_start" DATE NOT NULL,
    "window_end" DATE NOT NULL,
    "seed" TEXT NOT NULL,
    "population" TEXT[],
    "request" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_sample_items" (
    "id" UUID NOT NULL,
    "sample_id" UUID NOT NULL,
    "licence_id" UUID NOT NULL,
    "cycle_id" UUID NOT NULL,
    "status" "AuditItemStatus" NOT NULL DEFAULT 'REQUESTED',
    "response" TEXT,
    "outcome_note" TEXT,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "audit_sample_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_sample_items_sample_id_licence_id_key" ON "audit_sample_items"("sample_id", "licence_id");

-- AddForeignKey
ALTER TABLE "audit_sample_items" ADD CONSTRAINT "audit_sample_items_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "audit_samples"("id") ON DELETE CASCADE ON UPDATE CASCADE;
