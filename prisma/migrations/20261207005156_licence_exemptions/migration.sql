-- CreateEnum
CREATE TYPE "ExemptionKind" AS ENUM ('WAIVER', 'REDUCTION');

-- AlterTable
ALTER TABLE "renewal_rules" ADD COLUMN     "exemptions_allowed" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "licence_exemptions" (
    "id" UUID NOT NULL,
    "licence_id" UUID NOT NULL,
    "kind" "ExemptionKind" NOT NULL,
    "from_on" DATE NOT NULL,
    "to_on" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "evidence_file_id" UUID,
    "granted_by_id" UUID NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by_id" UUID,
    "revoke_reason" TEXT,

    CONSTRAINT "licence_exemptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "licence_exemptions_licence_id_from_on_idx" ON "licence_exemptions"("licence_id", "from_on");

-- AddForeignKey
ALTER TABLE "licence_exemptions" ADD CONSTRAINT "licence_exemptions_licence_id_fkey" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licence_exemptions" ADD CONSTRAINT "licence_exemptions_evidence_file_id_fkey" FOREIGN KEY ("evidence_file_id") REFERENCES "evidence_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;
