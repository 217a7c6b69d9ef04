/**
 * The heartbeat thread of a job worker process (started by worker.ts): beats for its worker and sweeps for
 * dead ones (liveness.ts) every few seconds on its own event loop and its own database connections, so a
 * long synchronous translation on the main thread neither silences the worker nor stops the sweep.
 */
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import PgBoss from "pg-boss";
import { beat, LIVENESS, reclaimJobsOfDeadWorkers } from "./liveness.ts";

const { databaseUrl, workerId } = workerData as { databaseUrl: string; workerId: string };
const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", supervise: false, schedule: false, migrate: false, max: 2 });
boss.on("error", (error) => console.error("heartbeat queue:", error.message));
await boss.start();

let busy = false;
const tick = async () => {
  if (busy) return;
  busy = true;
  try {
    await beat(db, workerId);
    for (const job of await reclaimJobsOfDeadWorkers(db, boss))
      parentPort?.postMessage({ reclaimed: job.id, kind: job.kind, state: job.state });
  } catch (error) {
    console.error("heartbeat:", error instanceof Error ? error.message : String(error));
  } finally {
    busy = false;
  }
};
await tick();
const timer = setInterval(() => void tick(), LIVENESS.beatMs);
parentPort?.postMessage({ ready: true });
parentPort?.on("message", (message: { stop?: boolean }) => {
  if (!message.stop) return;
  clearInterval(timer);
  void (async () => {
    await boss.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => {});
    await db.end().catch(() => {});
    parentPort?.postMessage({ stopped: true });
  })();
});
