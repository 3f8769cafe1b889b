-- CreateEnum
CREATE TYPE "ModuleDraftStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'AUTHOR' AFTER 'PROVIDER';

-- AlterTable
ALTER TABLE "module_versions" ADD COLUMN     "minutes" INTEGER,
ADD COLUMN     "terms" TEXT;

-- AlterTable
ALTER TABLE "module_accreditations" ADD COLUMN     "terms" TEXT;

-- CreateTable
CREATE TABLE "authored_modules" (
    "id" TEXT NOT NULL,
    "provider_id" UUID NOT NULL,
    "created_by_id" UUID NOT NULL,
    "origin" TEXT NOT NULL,
    "copied_from" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "authored_modules_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "module_drafts" (
    "module_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "status" "ModuleDraftStatus" NOT NULL DEFAULT 'DRAFT',
    "editor_ids" UUID[],
    "updated_by_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_by_id" UUID,
    "submitted_at" TIMESTAMPTZ(3),
    "returned_note" TEXT,
    "returned_by_id" UUID,
    "returned_at" TIMESTAMPTZ(3),

    CONSTRAINT "module_drafts_pkey" PRIMARY KEY ("module_id")
);

-- CreateTable
CREATE TABLE "authored_versions" (
    "id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "editor_ids" UUID[],
    "submitted_by_id" UUID NOT NULL,
    "approved_by_id" UUID NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "terms" TEXT NOT NULL,
    "terms_carried" BOOLEAN NOT NULL,

    CONSTRAINT "authored_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "module_files" (
    "id" UUID NOT NULL,
    "module_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "module_files_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "authored_modules_provider_id_idx" ON "authored_modules"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "authored_versions_content_hash_key" ON "authored_versions"("content_hash");

-- CreateIndex
CREATE UNIQUE INDEX "authored_versions_module_id_number_key" ON "authored_versions"("module_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "module_files_module_id_name_key" ON "module_files"("module_id", "name");

-- AddForeignKey
ALTER TABLE "authored_modules" ADD CONSTRAINT "authored_modules_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "module_drafts" ADD CONSTRAINT "module_drafts_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "authored_modules"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "authored_versions" ADD CONSTRAINT "authored_versions_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "authored_modules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "module_files" ADD CONSTRAINT "module_files_module_id_fkey" FOREIGN KEY ("module_id") REFERENCES "authored_modules"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A published version and an uploaded file are evidence of what learners read: never changed, never deleted.
CREATE FUNCTION authored_content_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER authored_versions_immutable BEFORE UPDATE OR DELETE ON "authored_versions"
  FOR EACH ROW EXECUTE FUNCTION authored_content_immutable();
CREATE TRIGGER module_files_immutable BEFORE UPDATE OR DELETE ON "module_files"
  FOR EACH ROW EXECUTE FUNCTION authored_content_immutable();
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'credo_app') THEN
    REVOKE UPDATE, DELETE ON TABLE "authored_versions", "module_files" FROM credo_app;
  END IF;
END $$;
