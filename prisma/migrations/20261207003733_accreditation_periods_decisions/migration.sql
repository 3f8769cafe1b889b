-- Issue 18: accreditation periods, renewal decisions with snapshots, and the partial approval columns of CPD claims
-- (cpd_entries.approved_credits and approved_category), written together.

-- DropIndex
DROP INDEX "provider_accreditations_jurisdiction_id_organisation_id_key";

-- DropIndex
DROP INDEX "module_accreditations_jurisdiction_id_module_id_key";

-- AlterTable
ALTER TABLE "cpd_entries" ADD COLUMN     "approved_category" TEXT,
ADD COLUMN     "approved_credits" DECIMAL(6,2);

-- AlterTable
ALTER TABLE "provider_accreditations" ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "revoked_by_id" UUID,
ADD COLUMN     "valid_to" DATE;

-- AlterTable
ALTER TABLE "module_accreditations" ADD COLUMN     "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "revoked_by_id" UUID,
ADD COLUMN     "valid_to" DATE;

-- CreateTable
CREATE TABLE "cycle_decisions" (
    "id" UUID NOT NULL,
    "cycle_id" UUID NOT NULL,
    "outcome" "CycleOutcome" NOT NULL,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT,
    "snapshot" JSONB NOT NULL,
    "backfilled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "cycle_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "cycle_decisions_cycle_id_decided_at_idx" ON "cycle_decisions"("cycle_id", "decided_at");

-- CreateIndex
CREATE INDEX "provider_accreditations_jurisdiction_id_organisation_id_acc_idx" ON "provider_accreditations"("jurisdiction_id", "organisation_id", "accredited_on");

-- CreateIndex
CREATE INDEX "module_accreditations_jurisdiction_id_module_id_accredited__idx" ON "module_accreditations"("jurisdiction_id", "module_id", "accredited_on");

-- AddForeignKey
ALTER TABLE "cycle_decisions" ADD CONSTRAINT "cycle_decisions_cycle_id_fkey" FOREIGN KEY ("cycle_id") REFERENCES "licence_cycles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Accreditation periods (issue 18): an accreditation already ended (revoked) applied until the day before its end was
-- recorded; the others are open-ended from accredited_on.
UPDATE "provider_accreditations" SET "valid_to" = GREATEST("accredited_on", ("revoked_at" AT TIME ZONE 'UTC')::date - 1)
  WHERE "revoked_at" IS NOT NULL;
UPDATE "module_accreditations" SET "valid_to" = GREATEST("accredited_on", ("revoked_at" AT TIME ZONE 'UTC')::date - 1)
  WHERE "revoked_at" IS NOT NULL;
