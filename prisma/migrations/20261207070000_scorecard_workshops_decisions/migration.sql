-- Issue #16: vendor workshops (sessions, answers, attachments) and scorecard decision records.

-- CreateTable
CREATE TABLE "WorkshopSession" (
    "id" UUID NOT NULL,
    "estateId" UUID NOT NULL,
    "platform" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "participants" TEXT[],
    "vendorAttendees" TEXT[],
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopAnswer" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "questionId" TEXT,
    "questionTitle" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "criterionIds" TEXT[],
    "supersedesId" UUID,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopAttachment" (
    "id" UUID NOT NULL,
    "answerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScorecardDecision" (
    "id" UUID NOT NULL,
    "estateId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "scorecardVersion" INTEGER NOT NULL,
    "chosenPlatform" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snapshotId" UUID,

    CONSTRAINT "ScorecardDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkshopSession_estateId_platform_idx" ON "WorkshopSession"("estateId", "platform");

-- CreateIndex
CREATE INDEX "WorkshopAnswer_sessionId_idx" ON "WorkshopAnswer"("sessionId");

-- CreateIndex
CREATE INDEX "WorkshopAttachment_answerId_idx" ON "WorkshopAttachment"("answerId");

-- CreateIndex
CREATE UNIQUE INDEX "ScorecardDecision_estateId_number_key" ON "ScorecardDecision"("estateId", "number");

-- AddForeignKey
ALTER TABLE "WorkshopSession" ADD CONSTRAINT "WorkshopSession_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopAnswer" ADD CONSTRAINT "WorkshopAnswer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopAttachment" ADD CONSTRAINT "WorkshopAttachment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "WorkshopAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScorecardDecision" ADD CONSTRAINT "ScorecardDecision_estateId_fkey" FOREIGN KEY ("estateId") REFERENCES "Estate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Workshop records are evidence: never rewritten (a correction is a new, superseding answer). DELETE stays
-- possible only through the estate's cascade, as for scorecard versions.
CREATE TRIGGER "WorkshopSession_no_update" BEFORE UPDATE ON "WorkshopSession"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "WorkshopAnswer_no_update" BEFORE UPDATE ON "WorkshopAnswer"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();
CREATE TRIGGER "WorkshopAttachment_no_update" BEFORE UPDATE ON "WorkshopAttachment"
  FOR EACH ROW EXECUTE FUNCTION parity_reject_mutation();

-- A decision never changes; the only write after INSERT links it once to the audit snapshot that seals it.
CREATE OR REPLACE FUNCTION parity_decision_seal_only() RETURNS trigger AS $$
BEGIN
  IF OLD."snapshotId" IS NULL AND NEW."snapshotId" IS NOT NULL
     AND (to_jsonb(NEW) - 'snapshotId') = (to_jsonb(OLD) - 'snapshotId') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'table % is immutable: only the one-time audit seal link may be set', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ScorecardDecision_seal_only" BEFORE UPDATE ON "ScorecardDecision"
  FOR EACH ROW EXECUTE FUNCTION parity_decision_seal_only();
