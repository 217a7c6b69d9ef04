import { z } from "zod";
import { AppError } from "../../errors.ts";
import { enqueueJob } from "../../jobs/enqueue.ts";
import { endpointSuggestionsServed, flowQueryServed } from "../../services/flow-process/client.ts";
import { verificationDifferences, verificationSummary, ZDifferenceWindow } from "../../services/verification.ts";
import { createTRPCRouter, estateReadProcedure, securityProcedure } from "../trpc.ts";

export const equivalenceRouter = createTRPCRouter({
  /** The latest (or a given) verification: verdict, counts, heatmap, lint, engine problems (no differences); null before the first. */
  summary: estateReadProcedure
    .input(z.object({ verificationId: z.string().uuid().optional() }))
    .query(({ ctx, input }) => verificationSummary(ctx.prisma, input.estateId, input.verificationId)),
  /** A window of the verification's stored differences, filtered by status and address family. */
  differences: estateReadProcedure
    .input(ZDifferenceWindow)
    .query(({ ctx, input }) => verificationDifferences(ctx.prisma, input.estateId, input)),
  /** "Can A reach B on port P?" with both sides' traces. */
  query: estateReadProcedure
    .input(
      z.object({
        src: z.string().trim().min(1).max(200),
        dst: z.string().trim().min(1).max(200),
        protocol: z.enum(["TCP", "UDP", "SCTP", "ICMP", "ICMPv6"]),
        port: z.number().int().min(0).max(65535).optional(),
        icmpType: z.number().int().min(0).max(255).optional(),
      }),
    )
    .query(({ ctx, input }) => flowQueryServed(ctx.prisma, input.estateId, input)),
  endpoints: estateReadProcedure
    .input(z.object({ search: z.string().max(100).default("") }))
    .query(({ ctx, input }) => endpointSuggestionsServed(ctx.prisma, input.estateId, input.search)),
  /** Queues the verification of a translation (default: the latest). */
  run: securityProcedure.input(z.object({ translationId: z.string().uuid().optional() })).mutation(async ({ ctx, input }) => {
    const translation = await ctx.prisma.translation.findFirst({
      where: input.translationId ? { id: input.translationId, estateId: input.estateId } : { estateId: input.estateId },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    });
    if (!translation)
      throw new AppError(
        input.translationId ? "NOT_FOUND" : "BAD_REQUEST",
        input.translationId ? "Translation not found" : "Translate the estate before verifying it",
      );
    const jobId = await enqueueJob(
      ctx.prisma,
      { estateId: input.estateId, kind: "verify", createdBy: ctx.session.user.id, data: { translationId: translation.id } },
      { send: ctx.sendJob },
    );
    return { jobId };
  }),
});
