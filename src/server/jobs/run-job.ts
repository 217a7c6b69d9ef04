/**
 * Runs one job by id: claims it (queued → running, attempt + 1, held by this worker), calls the handler for
 * its kind with a progress callback, stores the result or the error. The same function runs in the worker
 * process and directly in tests. Every write after the claim is fenced by (worker, attempt): if this worker
 * was presumed dead and the job was given to another, its late writes change nothing.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { throttledProgress, type TJobProgress } from "./progress.ts";
import type { TJobKind } from "./queue.ts";

export type JobHandler = (context: {
  prisma: PrismaClient;
  job: { id: string; estateId: string; input: unknown; createdBy: string | null };
  progress: (progress: TJobProgress, force?: boolean) => void;
}) => Promise<{ result: unknown; failed?: boolean; error?: string }>;

/** What became of a delivered job: run to its end, or skipped (already finished, or held by a live worker). */
export type JobRun = "succeeded" | "failed" | "superseded" | "skipped";

export async function runJob(
  prisma: PrismaClient,
  jobId: string,
  handlers: Partial<Record<TJobKind, JobHandler>>,
  holder: { workerId?: string; queueJobId?: string } = {},
): Promise<JobRun> {
  const workerId = holder.workerId ?? null;
  // A queued job, or one left "running" by a process without liveness (no worker): only one claimant wins.
  const claimed = await prisma.job.updateMany({
    where: { id: jobId, OR: [{ state: "queued" }, { state: "running", workerId: null }] },
    data: {
      state: "running",
      startedAt: new Date(),
      error: null,
      workerId,
      queueJobId: holder.queueJobId ?? null,
      attempts: { increment: 1 },
    },
  });
  if (claimed.count === 0) return "skipped";
  const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
  const fence = { id: jobId, workerId, attempts: job.attempts, state: "running" };
  const progress = throttledProgress((p) => prisma.job.updateMany({ where: fence, data: { progress: p as object } }));
  const handler = handlers[job.kind as TJobKind];
  const finish = async (data: object): Promise<boolean> =>
    (await prisma.job.updateMany({ where: fence, data: { ...data, workerId: null, finishedAt: new Date() } })).count === 1;
  try {
    if (!handler) throw new AppError("BAD_REQUEST", `unknown job kind ${job.kind}`);
    const outcome = await handler({
      prisma,
      job: { id: job.id, estateId: job.estateId, input: job.input, createdBy: job.createdBy },
      progress,
    });
    const state = outcome.failed ? "failed" : "succeeded";
    const stored = await finish({
      state,
      result: (outcome.result ?? null) as object,
      error: outcome.error ?? null,
      progress: { phase: "done", percent: 100, message: outcome.failed ? (outcome.error ?? "failed") : "done" },
    });
    return stored ? state : "superseded";
  } catch (error) {
    // An unexpected crash is recorded on the job and never takes the server down. Only AppError messages are
    // meant for users; anything else (a database error, a bug) is stored as a reference to the server log.
    const reference = crypto.randomUUID();
    const message = error instanceof AppError ? error.message : `Internal error (reference ${reference})`;
    const stored = await finish({ state: "failed", error: message });
    if (!(error instanceof AppError)) console.error(`[error ${reference}] job ${jobId} (${job.kind}) crashed:`, error);
    return stored ? "failed" : "superseded";
  }
}
