-- DropIndex
DROP INDEX "cpd_entries_user_id_module_id_key";

-- CreateIndex
CREATE INDEX "cpd_entries_user_id_module_id_idx" ON "cpd_entries"("user_id", "module_id");
