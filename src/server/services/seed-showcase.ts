/**
 * The demo estate as a first-time user should find it: translated, verified, and with one sealed snapshot
 * signed off by the demo auditor, so every tab shows its point without a click. Each step runs through the
 * services and job handlers the product uses (the jobs inline, as tests run them) and only if its result is
 * missing, so `npm run dev` can seed again on every start without adding versions.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { SessionUser } from "../auth/session.ts";
import { enqueueJob } from "../jobs/enqueue.ts";
import { JOB_HANDLERS } from "../jobs/handlers.ts";
import type { TJobKind } from "../jobs/queue.ts";
import { runJob } from "../jobs/run-job.ts";
import { approveSnapshot, createSnapshot } from "./snapshots.ts";
import { translationJobInput } from "./translations.ts";

export const SHOWCASE_APPROVAL_COMMENT = "Demo sign-off: reviewed the translation, its findings and the equivalence proof.";

/** Queues a job exactly as the routers do, but runs it here and now; fails loudly if the job fails. */
export async function runJobInline(
  prisma: PrismaClient,
  input: { estateId: string; kind: TJobKind; createdBy: string; data?: Record<string, unknown>; existingJobId?: string },
): Promise<unknown> {
  const jobId = await enqueueJob(prisma, input, { send: (_queue, id) => runJob(prisma, id, JOB_HANDLERS) });
  const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
  if (job.state !== "succeeded") throw new Error(`demo ${input.kind} failed: ${job.error}\n${JSON.stringify(job.result).slice(0, 2000)}`);
  return job.result;
}

export async function showcaseEstate(
  prisma: PrismaClient,
  input: { estateId: string; engineer: SessionUser; auditor: SessionUser; log?: (line: string) => void },
): Promise<void> {
  const log = input.log ?? (() => {});
  const { estateId, engineer, auditor } = input;
  const timed = async (what: string, step: () => Promise<unknown>) => {
    const started = performance.now();
    await step();
    log(`${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };

  if ((await prisma.translation.count({ where: { estateId } })) === 0) {
    await timed("translated the demo estate (ANP + BANP) with its round trip", async () => {
      const data = await translationJobInput(prisma, estateId, "v1alpha1");
      await runJobInline(prisma, { estateId, kind: "translate", createdBy: engineer.id, data: { ...data } });
    });
  }
  if ((await prisma.verification.count({ where: { estateId } })) === 0) {
    await timed("verified the translation on the engine", async () => {
      const translation = await prisma.translation.findFirstOrThrow({ where: { estateId }, orderBy: { createdAt: "desc" } });
      await runJobInline(prisma, { estateId, kind: "verify", createdBy: engineer.id, data: { translationId: translation.id } });
    });
  }
  if ((await prisma.auditSnapshot.count({ where: { estateId } })) === 0) {
    await timed("sealed snapshot #1 and the auditor approved it", async () => {
      const snapshot = await createSnapshot(prisma, engineer, estateId);
      await approveSnapshot(prisma, auditor, estateId, snapshot.id, SHOWCASE_APPROVAL_COMMENT);
    });
  }
}
