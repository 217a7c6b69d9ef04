import type { PrismaClient } from "../../generated/prisma/client.ts";
import { requireDatabaseUrl } from "../env.ts";
import { JOB_QUEUES, startBoss, type TJobKind } from "./queue.ts";

export type SendJob = (queue: string, jobId: string) => Promise<void>;

const sendThroughBoss: SendJob = async (queue, jobId) => {
  const boss = await startBoss(requireDatabaseUrl(), { supervise: false });
  await boss.send(queue, { jobId });
};

/** Records a job (unless the caller already did, e.g. together with its upload) and queues it for a worker. */
export async function enqueueJob(
  prisma: PrismaClient,
  input: { estateId: string; kind: TJobKind; createdBy: string | null; data?: Record<string, unknown>; existingJobId?: string },
  options: { send?: SendJob } = {},
): Promise<string> {
  const jobId =
    input.existingJobId ??
    (
      await prisma.job.create({
        data: {
          estateId: input.estateId,
          kind: input.kind,
          createdBy: input.createdBy,
          input: (input.data ?? {}) as object,
          progress: { phase: "queued", percent: 0, message: "waiting for a worker" },
        },
      })
    ).id;
  await (options.send ?? sendThroughBoss)(JOB_QUEUES[input.kind], jobId);
  return jobId;
}
