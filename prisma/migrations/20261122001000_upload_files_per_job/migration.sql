-- Raw uploads are stored before they are parsed (by the upload job), so they belong to the estate and the
-- job first and to an estate import only once the import succeeded.
ALTER TABLE "UploadFile" ALTER COLUMN "importId" DROP NOT NULL;
ALTER TABLE "UploadFile" ADD COLUMN "estateId" UUID NOT NULL;
ALTER TABLE "UploadFile" ADD COLUMN "jobId" UUID;
ALTER TABLE "UploadFile" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "UploadFile" ALTER COLUMN "format" SET DEFAULT 'pending';
CREATE INDEX "UploadFile_jobId_idx" ON "UploadFile"("jobId");
CREATE INDEX "UploadFile_estateId_idx" ON "UploadFile"("estateId");
