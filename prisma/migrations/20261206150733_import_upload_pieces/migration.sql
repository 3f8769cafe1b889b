-- An import's uploaded file moves from one text column of its job to pieces written as the upload streams in.

-- CreateTable
CREATE TABLE "import_upload_pieces" (
    "job_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "import_upload_pieces_pkey" PRIMARY KEY ("job_id","seq")
);

-- AddForeignKey
ALTER TABLE "import_upload_pieces" ADD CONSTRAINT "import_upload_pieces_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "import_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- a cohort issuance kept its training event where imports keep their file
ALTER TABLE "import_jobs" ADD COLUMN "subject_id" UUID;
UPDATE "import_jobs" SET "subject_id" = "input"::uuid WHERE "kind" = 'certificate-cohort' AND "input" IS NOT NULL;

-- the files of jobs not yet committed or discarded, as one piece each
INSERT INTO "import_upload_pieces" ("job_id", "seq", "text")
SELECT "id", 0, "input" FROM "import_jobs" WHERE "input" IS NOT NULL AND "kind" <> 'certificate-cohort';

-- AlterTable
ALTER TABLE "import_jobs" DROP COLUMN "input";
