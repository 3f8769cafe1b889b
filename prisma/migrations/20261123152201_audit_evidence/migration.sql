-- AlterTable
ALTER TABLE "audit_sample_items" ADD COLUMN     "evidence_file_id" UUID;
