-- CreateTable
CREATE TABLE "module_import_holds" (
    "id" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "module_import_holds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "module_import_holds_created_at_idx" ON "module_import_holds"("created_at");
