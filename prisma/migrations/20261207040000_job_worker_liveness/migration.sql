-- Worker liveness: each job worker process registers itself and beats every few seconds (from a thread that
-- the job's CPU work does not block). A job whose worker stopped beating is queued again for another worker.
CREATE TABLE "JobWorker" (
    "id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastBeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stoppedAt" TIMESTAMP(3),

    CONSTRAINT "JobWorker_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "JobWorker_lastBeatAt_idx" ON "JobWorker"("lastBeatAt");

ALTER TABLE "Job" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Job" ADD COLUMN "workerId" UUID;
ALTER TABLE "Job" ADD COLUMN "queueJobId" TEXT;
ALTER TABLE "Job" ADD COLUMN "retryReason" TEXT;
CREATE INDEX "Job_workerId_state_idx" ON "Job"("workerId", "state");
