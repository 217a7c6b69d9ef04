/**
 * Runs one job by id: marks it running, calls the handler for its kind with a progress callback, stores the
 * result or the error. The same function runs in the worker process and directly in tests.
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

export async function runJob(prisma: PrismaClient, jobId: string, handlers: Record<TJobKind, JobHandler>): Promise<void> {
  const job = await prisma.job.findUnique({ where: { id: jobId } });
  if (!job || job.state === "succeeded" || job.state === "failed") return;
  await prisma.job.update({ where: { id: jobId }, data: { state: "running", startedAt: new Date(), error: null } });
  const progress = throttledProgress((p) => prisma.job.update({ where: { id: jobId }, data: { progress: p as object } }));
  const handler = handlers[job.kind as TJobKind];
  try {
    if (!handler) throw new AppError("BAD_REQUEST", `unknown job kind ${job.kind}`);
    const outcome = await handler({
      prisma,
      job: { id: job.id, estateId: job.estateId, input: job.input, createdBy: job.createdBy },
      progress,
    });
    await prisma.job.update({
      where: { id: jobId },
      data: {
        state: outcome.failed ? "failed" : "succeeded",
        result: (outcome.result ?? null) as object,
        error: outcome.error ?? null,
        finishedAt: new Date(),
        progress: { phase: "done", percent: 100, message: outcome.failed ? (outcome.error ?? "failed") : "done" },
      },
    });
  } catch (error) {
    // An unexpected crash is recorded on the job and never takes the server down. Only AppError messages are
    // meant for users; anything else (a database error, a bug) is stored as a reference to the server log.
    const reference = crypto.randomUUID();
    const message = error instanceof AppError ? error.message : `Internal error (reference ${reference})`;
    await prisma.job.update({ where: { id: jobId }, data: { state: "failed", error: message, finishedAt: new Date() } });
    if (!(error instanceof AppError)) console.error(`[error ${reference}] job ${jobId} (${job.kind}) crashed:`, error);
  }
}
