-- CreateEnum
CREATE TYPE "EvaluationKind" AS ENUM ('MIDTERM', 'FINAL');

-- AlterTable
ALTER TABLE "competency_evidence" ADD COLUMN     "rating" INTEGER;

-- CreateTable
CREATE TABLE "practicum_evaluations" (
    "id" UUID NOT NULL,
    "placement_id" UUID NOT NULL,
    "kind" "EvaluationKind" NOT NULL,
    "ratings" JSONB NOT NULL,
    "comment" TEXT,
    "submitted_by_id" UUID NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "student_response" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),

    CONSTRAINT "practicum_evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "practicum_evaluations_placement_id_kind_key" ON "practicum_evaluations"("placement_id", "kind");
