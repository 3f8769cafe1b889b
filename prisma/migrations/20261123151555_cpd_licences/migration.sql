-- CreateEnum
CREATE TYPE "LicenceStatus" AS ENUM ('ACTIVE', 'LAPSED', 'SUSPENDED', 'REVOKED');

-- CreateEnum
CREATE TYPE "CycleOutcome" AS ENUM ('OPEN', 'RENEWED', 'GRACE', 'LAPSED');

-- CreateEnum
CREATE TYPE "ClaimStatus" AS ENUM ('PENDING', 'CONFIRMED', 'REJECTED');

-- AlterTable
ALTER TABLE "cpd_entries" ADD COLUMN     "evidence_file_id" UUID,
ADD COLUMN     "provider_org_id" UUID,
ADD COLUMN     "review_reason" TEXT,
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_by_id" UUID,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "evidence_files" (
    "id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "jurisdiction_id" UUID,
    "filename" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evidence_files_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "renewal_rules" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "cadre_key" TEXT NOT NULL DEFAULT '*',
    "version" INTEGER NOT NULL,
    "cycle_months" INTEGER NOT NULL,
    "total_credits" DECIMAL(6,2) NOT NULL,
    "category_minimums" JSONB NOT NULL,
    "category_caps" JSONB NOT NULL,
    "self_reported_counts" BOOLEAN NOT NULL,
    "grace_days" INTEGER NOT NULL,
    "pro_rate_first_cycle" BOOLEAN NOT NULL,
    "leave_reduces_pro_rata" BOOLEAN NOT NULL,
    "module_repeat_counts" BOOLEAN NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "renewal_rules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_accreditations" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "reference" TEXT,
    "accredited_on" DATE NOT NULL,
    "created_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "provider_accreditations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "module_accreditations" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "credits" DECIMAL(6,2) NOT NULL,
    "category" TEXT NOT NULL,
    "accredited_on" DATE NOT NULL,
    "created_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "module_accreditations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licences" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "worker_profile_id" UUID,
    "holder_name" TEXT NOT NULL,
    "cadre" "Cadre",
    "status" "LicenceStatus" NOT NULL DEFAULT 'ACTIVE',
    "status_reason" TEXT,
    "issued_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "licences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licence_cycles" (
    "id" UUID NOT NULL,
    "licence_id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "rule_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "first" BOOLEAN NOT NULL DEFAULT false,
    "leave_days" INTEGER NOT NULL DEFAULT 0,
    "outcome" "CycleOutcome" NOT NULL DEFAULT 'OPEN',
    "grace_until" DATE,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "decision_reason" TEXT,

    CONSTRAINT "licence_cycles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "licence_claims" (
    "id" UUID NOT NULL,
    "licence_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "status" "ClaimStatus" NOT NULL DEFAULT 'PENDING',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_by_id" UUID,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "licence_claims_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "jurisdiction_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "evidence_files_owner_id_idx" ON "evidence_files"("owner_id");

-- CreateIndex
CREATE UNIQUE INDEX "renewal_rules_jurisdiction_id_cadre_key_version_key" ON "renewal_rules"("jurisdiction_id", "cadre_key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "provider_accreditations_jurisdiction_id_organisation_id_key" ON "provider_accreditations"("jurisdiction_id", "organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "module_accreditations_jurisdiction_id_module_id_key" ON "module_accreditations"("jurisdiction_id", "module_id");

-- CreateIndex
CREATE INDEX "licences_worker_profile_id_idx" ON "licences"("worker_profile_id");

-- CreateIndex
CREATE UNIQUE INDEX "licences_jurisdiction_id_number_key" ON "licences"("jurisdiction_id", "number");

-- CreateIndex
CREATE INDEX "licence_cycles_licence_id_starts_on_idx" ON "licence_cycles"("licence_id", "starts_on");

-- CreateIndex
CREATE INDEX "licence_cycles_jurisdiction_id_ends_on_outcome_idx" ON "licence_cycles"("jurisdiction_id", "ends_on", "outcome");

-- CreateIndex
CREATE UNIQUE INDEX "licence_claims_licence_id_user_id_key" ON "licence_claims"("licence_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "cpd_entries_status_provider_org_id_idx" ON "cpd_entries"("status", "provider_org_id");

-- AddForeignKey
ALTER TABLE "cpd_entries" ADD CONSTRAINT "cpd_entries_evidence_file_id_fkey" FOREIGN KEY ("evidence_file_id") REFERENCES "evidence_files"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cpd_entries" ADD CONSTRAINT "cpd_entries_provider_org_id_fkey" FOREIGN KEY ("provider_org_id") REFERENCES "organisations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_accreditations" ADD CONSTRAINT "provider_accreditations_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licences" ADD CONSTRAINT "licences_worker_profile_id_fkey" FOREIGN KEY ("worker_profile_id") REFERENCES "worker_profiles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licence_cycles" ADD CONSTRAINT "licence_cycles_licence_id_fkey" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licence_cycles" ADD CONSTRAINT "licence_cycles_rule_id_fkey" FOREIGN KEY ("rule_id") REFERENCES "renewal_rules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "licence_claims" ADD CONSTRAINT "licence_claims_licence_id_fkey" FOREIGN KEY ("licence_id") REFERENCES "licences"("id") ON DELETE CASCADE ON UPDATE CASCADE;
