-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "input" TEXT;
