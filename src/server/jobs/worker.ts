/**
 * The job worker: a separate Node process (started by `npm run dev` / `npm start`, or `npm run worker`, on
 * this machine or others sharing the database) so that CPU-heavy imports and proofs never block the web
 * process's event loop. It runs one job at a time (bounded concurrency), on a main thread at lower CPU
 * priority than the web server, and registers itself for liveness: a heartbeat thread beats for it and
 * requeues the jobs of workers that stopped beating (liveness.ts).
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type PgBoss from "pg-boss";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { JOB_HANDLERS } from "./handlers.ts";
import { JOB_QUEUES, startBoss, stopBoss } from "./queue.ts";
import { runJob } from "./run-job.ts";

/** Niceness of the worker's main thread (the web server runs at 0); PARITY_WORKER_NICE overrides. */
export const WORKER_NICE = 10;

function startHeartbeat(databaseUrl: string, workerId: string, log: (line: string) => void): Promise<Worker> {
  // tsx's loader is registered inside the thread before the TypeScript module is imported.
  const script = new URL("./heartbeat-thread.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  const thread = new Worker(boot, { eval: true, workerData: { databaseUrl, workerId } });
  thread.on("message", (m: { reclaimed?: string; kind?: string; state?: string }) => {
    if (m.reclaimed)
      log(`job ${m.reclaimed} (${m.kind}) of a dead worker ${m.state === "failed" ? "failed: out of attempts" : "queued again"}`);
  });
  thread.on("error", (error) => log(`heartbeat thread failed: ${error.message}`));
  return new Promise((resolve, reject) => {
    thread.once("message", () => resolve(thread));
    thread.once("error", reject);
  });
}

/** Lowers this thread's CPU priority (on Linux niceness is per thread: the heartbeat thread, started before, keeps 0). */
function lowerPriority(log: (line: string) => void): void {
  const nice = Number(process.env.PARITY_WORKER_NICE ?? WORKER_NICE);
  try {
    os.setPriority(0, nice);
  } catch (error) {
    log(`could not lower the worker's priority to ${nice}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function startWorker(
  prisma: PrismaClient,
  databaseUrl: string,
  log: (line: string) => void = console.log,
): Promise<() => Promise<void>> {
  const boss = await startBoss(databaseUrl, { supervise: true });
  const workerId = randomUUID();
  await prisma.jobWorker.create({ data: { id: workerId, host: os.hostname(), pid: process.pid } });
  const heartbeat = await startHeartbeat(databaseUrl, workerId, log);
  lowerPriority(log);
  for (const queue of Object.values(JOB_QUEUES)) {
    await boss.work<{ jobId: string }>(
      queue,
      // One job at a time per queue; a job's work is synchronous, so the process runs one job at a time.
      { batchSize: 1, pollingIntervalSeconds: 0.5 },
      async (jobs: PgBoss.Job<{ jobId: string }>[]) => {
        for (const job of jobs) {
          const started = Date.now();
          const ran = await runJob(prisma, job.data.jobId, JOB_HANDLERS, { workerId, queueJobId: job.id });
          log(`job ${job.data.jobId} (${queue}) ${ran} in ${Date.now() - started} ms`);
        }
      },
    );
  }
  log(`worker ${workerId} on ${os.hostname()} (pid ${process.pid}) ready`);
  return async () => {
    await stopBoss();
    await new Promise<void>((resolve) => {
      heartbeat.once("message", () => resolve());
      heartbeat.postMessage({ stop: true });
      setTimeout(resolve, 3_000).unref();
    });
    await heartbeat.terminate();
    await prisma.jobWorker.update({ where: { id: workerId }, data: { stoppedAt: new Date() } }).catch(() => {});
  };
}
