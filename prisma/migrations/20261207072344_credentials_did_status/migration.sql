-- AlterTable
ALTER TABLE "certificates" ADD COLUMN     "status_list_id" UUID,
ADD COLUMN     "status_list_index" INTEGER;

-- AlterTable
-- each existing key (one per provider) becomes that provider's key 1, with an id of its own
ALTER TABLE "issuer_keys" DROP CONSTRAINT "issuer_keys_pkey",
ADD COLUMN     "id" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "number" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "retired_at" TIMESTAMPTZ(3),
ADD CONSTRAINT "issuer_keys_pkey" PRIMARY KEY ("id");
ALTER TABLE "issuer_keys" ALTER COLUMN "id" DROP DEFAULT;

-- CreateTable
CREATE TABLE "status_lists" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 131072,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "status_lists_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "status_lists_organisation_id_number_key" ON "status_lists"("organisation_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "certificates_status_list_id_status_list_index_key" ON "certificates"("status_list_id", "status_list_index");

-- CreateIndex
CREATE UNIQUE INDEX "issuer_keys_organisation_id_number_key" ON "issuer_keys"("organisation_id", "number");
