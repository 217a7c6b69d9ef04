/**
 * Scale-out of the proof: pass 1 of the equivalence check (every enforcement point compared on its own,
 * `compareEnforcementPoints`) split into shards of the destinations (index ≡ shard mod count), each a
 * "verify-shard" job that pg-boss hands to any worker process, on this machine or another sharing the
 * database. The verify job computes shard 0 itself, then collects the others: a shard still queued (no
 * worker free) it runs itself, so it never waits for a worker that will not come; a shard whose worker died
 * is queued again by liveness. Shards of an earlier attempt of the same verify job are reused (resume). The
 * merged differences are pass 2's input, and the result is the same whatever the number of shards.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { mergePointDifferences, type PointDifferences } from "../../policy/index.ts";
import { enqueueJob } from "./enqueue.ts";
import type { JobHandler } from "./run-job.ts";
import { runJob } from "./run-job.ts";

export interface TVerifyShardInput {
  parentJobId: string;
  translationId: string;
  index: number;
  count: number;
}

/** Shards per verification: the job's own `shards`, else PARITY_VERIFY_SHARDS, else 1 (no split). */
export function shardCount(requested?: number): number {
  const n = requested ?? Number(process.env.PARITY_VERIFY_SHARDS ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 64) : 1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function collectPointDifferences(options: {
  prisma: PrismaClient;
  parent: { id: string; estateId: string; createdBy: string | null };
  translationId: string;
  count: number;
  /** Shard 0, computed here while the others are queued. */
  own: () => PointDifferences;
  /** The verify-shard handler, to run a shard no worker has taken. */
  runShard: JobHandler;
  onShardDone?: (done: number, count: number) => void;
}): Promise<PointDifferences> {
  const { prisma, parent, count } = options;
  const earlier = await prisma.job.findMany({
    where: { kind: "verify-shard", estateId: parent.estateId, input: { path: ["parentJobId"], equals: parent.id } },
    select: { id: true, input: true, state: true },
  });
  const shardIds: string[] = [];
  for (let index = 1; index < count; index++) {
    const reusable = earlier.find((j) => {
      const input = j.input as unknown as TVerifyShardInput;
      return input.index === index && input.count === count && j.state !== "failed";
    });
    const input: TVerifyShardInput = { parentJobId: parent.id, translationId: options.translationId, index, count };
    shardIds.push(
      reusable?.id ??
        (await enqueueJob(prisma, {
          estateId: parent.estateId,
          kind: "verify-shard",
          createdBy: parent.createdBy,
          data: { ...input },
        })),
    );
  }
  const parts: PointDifferences[] = [options.own()];
  options.onShardDone?.(1, count);
  for (const shardId of shardIds) {
    for (;;) {
      const shard = await prisma.job.findUniqueOrThrow({ where: { id: shardId }, select: { state: true, result: true, error: true } });
      if (shard.state === "succeeded") {
        parts.push(shard.result as unknown as PointDifferences);
        break;
      }
      if (shard.state === "failed") throw new Error(`verification shard failed: ${shard.error ?? "unknown error"}`);
      if (shard.state === "queued") await runJob(prisma, shardId, { "verify-shard": options.runShard });
      else await sleep(250);
    }
    options.onShardDone?.(parts.length, count);
  }
  return mergePointDifferences(parts);
}
