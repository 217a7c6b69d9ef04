import { z } from "zod";
import { ZPlatformId } from "../../../scorecard/platforms.ts";
import { ZWeightSpec } from "../../../scorecard/weights.ts";
import {
  getScorecard,
  listScorecardVersions,
  resetScore,
  saveScore,
  saveWeights,
  scoreHistory,
  ZScoreEdit,
} from "../../services/scorecard.ts";
import { architectProcedure, createTRPCRouter, estateReadProcedure } from "../trpc.ts";

export const scorecardRouter = createTRPCRouter({
  /** The scorecard of the latest version (or of `version`), built from the estate's latest import. */
  get: estateReadProcedure
    .input(z.object({ version: z.number().int().positive().optional() }))
    .query(({ ctx, input }) => getScorecard(ctx.prisma, input.estateId, input.version)),
  versions: estateReadProcedure.query(({ ctx, input }) => listScorecardVersions(ctx.prisma, input.estateId)),
  scoreHistory: estateReadProcedure
    .input(z.object({ criterionId: z.string().min(1).max(100), platform: ZPlatformId }))
    .query(({ ctx, input }) => scoreHistory(ctx.prisma, input.estateId, input.criterionId, input.platform)),
  /** New version with these weights; `baseVersion` is the version the architect edited (CONFLICT if stale). */
  saveWeights: architectProcedure
    .input(z.object({ weights: ZWeightSpec, baseVersion: z.number().int().min(0) }))
    .mutation(({ ctx, input }) => saveWeights(ctx.prisma, input.estateId, ctx.session.user, input.weights, input.baseVersion)),
  saveScore: architectProcedure
    .input(ZScoreEdit)
    .mutation(({ ctx, input }) => saveScore(ctx.prisma, input.estateId, ctx.session.user, input)),
  resetScore: architectProcedure
    .input(z.object({ criterionId: z.string().min(1).max(100), platform: ZPlatformId }))
    .mutation(({ ctx, input }) => resetScore(ctx.prisma, input.estateId, ctx.session.user, input.criterionId, input.platform)),
});
