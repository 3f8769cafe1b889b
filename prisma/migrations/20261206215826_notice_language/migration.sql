-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "locale" TEXT;
