-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "done_at" TIMESTAMPTZ(3),
ADD COLUMN     "subject" TEXT;

-- CreateIndex
CREATE INDEX "notifications_user_id_subject_idx" ON "notifications"("user_id", "subject");

-- CreateIndex
CREATE INDEX "notifications_subject_idx" ON "notifications"("subject");
