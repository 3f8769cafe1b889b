-- CreateIndex
CREATE INDEX "competency_evidence_completion_id_idx" ON "competency_evidence"("completion_id");
