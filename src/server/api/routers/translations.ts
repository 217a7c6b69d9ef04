import { z } from "zod";
import { enqueueJob } from "../../jobs/enqueue.ts";
import {
  currentProfile,
  listTranslations,
  profileHistory,
  saveProfile,
  translationFile,
  translationFindings,
  translationJobInput,
  translationObjects,
  translationSummary,
} from "../../services/translations.ts";
import { createTRPCRouter, estateReadProcedure, securityProcedure } from "../trpc.ts";

const ZTranslationRef = z.object({ translationId: z.string().uuid() });

export const translationsRouter = createTRPCRouter({
  /** The latest (or a given) translation's summary; null before the first translation. */
  summary: estateReadProcedure
    .input(z.object({ translationId: z.string().uuid().optional() }))
    .query(({ ctx, input }) => translationSummary(ctx.prisma, input.estateId, input.translationId)),
  list: estateReadProcedure.query(({ ctx, input }) => listTranslations(ctx.prisma, input.estateId)),
  /** Every emitted object with its file and the NSX rule ids it came from. */
  objects: estateReadProcedure
    .input(ZTranslationRef)
    .query(({ ctx, input }) => translationObjects(ctx.prisma, input.estateId, input.translationId)),
  file: estateReadProcedure
    .input(ZTranslationRef.extend({ path: z.string().min(1).max(400) }))
    .query(({ ctx, input }) => translationFile(ctx.prisma, input.estateId, input.translationId, input.path)),
  findings: estateReadProcedure
    .input(ZTranslationRef)
    .query(({ ctx, input }) => translationFindings(ctx.prisma, input.estateId, input.translationId)),
  profile: estateReadProcedure.query(({ ctx, input }) => currentProfile(ctx.prisma, input.estateId)),
  profileHistory: estateReadProcedure.query(({ ctx, input }) => profileHistory(ctx.prisma, input.estateId)),
  /** A new mapping profile version (validated; `baseVersion` must be the current version). */
  saveProfile: securityProcedure
    .input(z.object({ profile: z.unknown(), baseVersion: z.number().int().min(0) }))
    .mutation(({ ctx, input }) =>
      saveProfile(ctx.prisma, {
        estateId: input.estateId,
        userId: ctx.session.user.id,
        profile: input.profile,
        baseVersion: input.baseVersion,
      }),
    ),
  /** Queues a translation of the latest estate version with the current mapping profile. */
  run: securityProcedure.input(z.object({ api: z.enum(["v1alpha1", "v1alpha2"]).default("v1alpha1") })).mutation(async ({ ctx, input }) => {
    const data = await translationJobInput(ctx.prisma, input.estateId, input.api);
    const jobId = await enqueueJob(
      ctx.prisma,
      { estateId: input.estateId, kind: "translate", createdBy: ctx.session.user.id, data: { ...data } },
      { send: ctx.sendJob },
    );
    return { jobId };
  }),
});
