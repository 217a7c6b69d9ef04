/**
 * Durable background jobs: pg-boss (a well-kept PostgreSQL queue) carries "run job X" messages, our Job
 * table carries what people see (state, progress, result). Jobs survive restarts: a message that a crashed
 * worker held expires and is retried, and a retried job starts over from its stored input.
 */
import PgBoss from "pg-boss";

export const JOB_QUEUES = {
  import: "parity-import",
  translate: "parity-translate",
  verify: "parity-verify",
  /** One shard of a verification's pass 1 (verify-shards.ts). */
  "verify-shard": "parity-verify-shard",
} as const;
export type TJobKind = keyof typeof JOB_QUEUES;

const holder = globalThis as { parityBoss?: Promise<PgBoss> };

export function startBoss(connectionString: string, options: { supervise: boolean }): Promise<PgBoss> {
  holder.parityBoss ??= (async () => {
    const boss = new PgBoss({ connectionString, schema: "pgboss", supervise: options.supervise, schedule: false, max: 4 });
    boss.on("error", (error) => console.error("job queue:", error.message));
    await boss.start();
    for (const queue of Object.values(JOB_QUEUES)) {
      await boss.createQueue(queue, { name: queue, retryLimit: 2, retryDelay: 5, expireInSeconds: 30 * 60 });
    }
    return boss;
  })();
  return holder.parityBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = await holder.parityBoss;
  holder.parityBoss = undefined;
  await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
}
