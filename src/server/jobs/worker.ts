/**
 * The job worker: a separate Node process (started by `npm run dev` / `npm start`, or `npm run worker`) so
 * that CPU-heavy imports and proofs never block the web process's event loop.
 */
import type PgBoss from "pg-boss";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import { JOB_QUEUES, startBoss, stopBoss } from "./queue.ts";
import { runJob } from "./run-job.ts";

export async function startWorker(
  prisma: PrismaClient,
  databaseUrl: string,
  log: (line: string) => void = console.log,
): Promise<() => Promise<void>> {
  const boss = await startBoss(databaseUrl, { supervise: true });
  // A job that was running when a previous worker died is picked up again by pg-boss's retry; reset its row.
  await prisma.job.updateMany({ where: { state: "running" }, data: { state: "queued" } });
  for (const queue of Object.values(JOB_QUEUES)) {
    await boss.work<{ jobId: string }>(
      queue,
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async (jobs: PgBoss.Job<{ jobId: string }>[]) => {
        for (const job of jobs) {
          const started = Date.now();
          await runJob(prisma, job.data.jobId, JOB_HANDLERS);
          log(`job ${job.data.jobId} (${queue}) finished in ${Date.now() - started} ms`);
        }
      },
    );
  }
  return async () => {
    await stopBoss();
  };
}
