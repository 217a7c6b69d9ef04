/**
 * Worker liveness. Every job worker process registers a JobWorker row and beats (`lastBeatAt = now()`)
 * every few seconds from a thread of its own (heartbeat-thread.ts), so a job's CPU-bound work on the main
 * thread never silences it. The same thread sweeps: a running job whose worker has not beaten for
 * DEAD_AFTER_S is claimed back atomically (one UPDATE … RETURNING, so two sweepers never both claim it),
 * its pg-boss message cancelled and a new one sent, and any free worker starts it over from its stored
 * input. Times come from PostgreSQL's clock only, so workers on other machines agree. A job that has
 * already taken MAX_ATTEMPTS workers down fails instead of killing the next one.
 */
import type { Pool } from "pg";
import type PgBoss from "pg-boss";
import { JOB_QUEUES, type TJobKind } from "./queue.ts";

export const LIVENESS = {
  /** How often a worker beats and sweeps. */
  beatMs: 3_000,
  /** Silence after which a worker counts as dead (five missed beats). */
  deadAfterS: 15,
  /** Runs a job gets before a dead worker fails it instead of queueing it again. */
  maxAttempts: 3,
} as const;

export interface ReclaimedJob {
  id: string;
  kind: TJobKind;
  state: "queued" | "failed";
  queueJobId: string | null;
}

/** Records this worker's beat. */
export async function beat(db: Pool, workerId: string): Promise<void> {
  await db.query(`UPDATE "JobWorker" SET "lastBeatAt" = now(), "stoppedAt" = NULL WHERE "id" = $1`, [workerId]);
}

/** Claims back the running jobs of workers silent for `deadAfterS` and re-sends them to the queue. */
export async function reclaimJobsOfDeadWorkers(
  db: Pool,
  boss: Pick<PgBoss, "cancel" | "send">,
  options: { deadAfterS?: number; maxAttempts?: number } = {},
): Promise<ReclaimedJob[]> {
  const deadAfterS = options.deadAfterS ?? LIVENESS.deadAfterS;
  const maxAttempts = options.maxAttempts ?? LIVENESS.maxAttempts;
  const { rows } = await db.query<ReclaimedJob>(
    `UPDATE "Job" AS j SET
       "state" = CASE WHEN j."attempts" >= $2 THEN 'failed' ELSE 'queued' END,
       "workerId" = NULL,
       "retryReason" = 'worker ' || w."host" || ' (pid ' || w."pid" || ') stopped responding during attempt ' || j."attempts",
       "error" = CASE WHEN j."attempts" >= $2 THEN 'its worker died during each of ' || j."attempts" || ' attempts' ELSE j."error" END,
       "finishedAt" = CASE WHEN j."attempts" >= $2 THEN now() ELSE NULL END,
       "progress" = jsonb_build_object(
         'phase', 'queued', 'percent', 0,
         'message', 'worker ' || w."host" || ' (pid ' || w."pid" || ') stopped responding; waiting for another worker (attempt ' || (j."attempts" + 1) || ')')
     FROM "JobWorker" AS w
     WHERE j."workerId" = w."id" AND j."state" = 'running' AND w."lastBeatAt" < now() - make_interval(secs => $1)
     RETURNING j."id", j."kind", j."state", j."queueJobId"`,
    [deadAfterS, maxAttempts],
  );
  for (const job of rows) {
    const queue = JOB_QUEUES[job.kind];
    // The dead worker's message would otherwise only come back after pg-boss's 30-minute expiry.
    if (job.queueJobId) await boss.cancel(queue, job.queueJobId).catch(() => {});
    if (job.state === "queued") await boss.send(queue, { jobId: job.id });
  }
  await db.query(
    `UPDATE "JobWorker" SET "stoppedAt" = now() WHERE "stoppedAt" IS NULL AND "lastBeatAt" < now() - make_interval(secs => $1)`,
    [deadAfterS],
  );
  await db.query(`DELETE FROM "JobWorker" WHERE "stoppedAt" < now() - interval '7 days'`);
  return rows;
}
