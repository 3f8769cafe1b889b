-- AlterTable
ALTER TABLE "cpd_entries" ADD COLUMN     "disallowed_at" TIMESTAMPTZ(3),
ADD COLUMN     "disallowed_by_audit_item_id" UUID,
ADD COLUMN     "disallowed_reason" TEXT;

-- AlterTable
ALTER TABLE "licence_cycles" ADD COLUMN     "reopened_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "licence_cycles_jurisdiction_id_reopened_at_idx" ON "licence_cycles"("jurisdiction_id", "reopened_at");

-- AddForeignKey
ALTER TABLE "cpd_entries" ADD CONSTRAINT "cpd_entries_disallowed_by_audit_item_id_fkey" FOREIGN KEY ("disallowed_by_audit_item_id") REFERENCES "audit_sample_items"("id") ON DELETE SET NULL ON UPDATE CASCADE;
