import { z } from "zod";
import { AppError } from "../../errors.ts";
import { decodeJson, ZJobProgress } from "../../services/stored-json.ts";
import { createTRPCRouter, estateReadProcedure } from "../trpc.ts";

const JOB_FIELDS = {
  id: true,
  kind: true,
  state: true,
  progress: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

export const jobsRouter = createTRPCRouter({
  /** One job's state and progress; the page polls it while the job runs. */
  get: estateReadProcedure.input(z.object({ jobId: z.string().uuid() })).query(async ({ ctx, input }) => {
    const job = await ctx.prisma.job.findFirst({
      where: { id: input.jobId, estateId: input.estateId },
      select: { ...JOB_FIELDS, result: true },
    });
    if (!job) throw new AppError("NOT_FOUND", "Job not found");
    return { ...job, progress: decodeJson(ZJobProgress, job.progress, "job progress") };
  }),
  list: estateReadProcedure.query(({ ctx, input }) =>
    ctx.prisma.job.findMany({ where: { estateId: input.estateId }, orderBy: { createdAt: "desc" }, take: 30, select: JOB_FIELDS }),
  ),
});
