import { z } from "zod";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { getImportReport, listImports, createImportJob } from "../../services/imports.ts";
import { AppError } from "../../errors.ts";
import { createTRPCRouter, estateReadProcedure, securityUploadProcedure } from "../trpc.ts";

export const importsRouter = createTRPCRouter({
  /** Multipart: `estateId` plus one or more `files`. Stores the raw bytes, then queues the import job. */
  upload: securityUploadProcedure.mutation(async ({ ctx, input }) => {
    const estateId = String(input.get("estateId"));
    const entries = input
      .getAll("files")
      .filter((value): value is File => typeof value === "object" && value !== null && "arrayBuffer" in value);
    if (entries.length === 0) throw new AppError("BAD_REQUEST", "Choose at least one file to upload");
    const files = await Promise.all(entries.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
    const jobId = await createImportJob(ctx.prisma, { estateId, createdBy: ctx.session.user.id, files });
    await enqueueJob(ctx.prisma, { estateId, kind: "import", createdBy: ctx.session.user.id, existingJobId: jobId }, { send: ctx.sendJob });
    return { jobId, files: files.map((f) => ({ name: f.name, size: f.bytes.length })) };
  }),
  list: estateReadProcedure.query(({ ctx, input }) => listImports(ctx.prisma, input.estateId)),
  report: estateReadProcedure
    .input(z.object({ importId: z.string().uuid() }))
    .query(({ ctx, input }) => getImportReport(ctx.prisma, input.estateId, input.importId)),
});
