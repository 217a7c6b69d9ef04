import { z } from "zod";
import { ZDecisionInput } from "../../../scorecard/decision.ts";
import { ZPlatformId } from "../../../scorecard/platforms.ts";
import { ZWeightSpec } from "../../../scorecard/weights.ts";
import { AppError } from "../../errors.ts";
import {
  getScorecard,
  listScorecardVersions,
  removeCustomCriterion,
  resetScore,
  saveCustomCriterion,
  saveScore,
  saveWeights,
  scoreHistory,
  ZCustomCriterionEdit,
  ZScoreEdit,
} from "../../services/scorecard.ts";
import { createDecision, listDecisions, sealDecision } from "../../services/scorecard-decisions.ts";
import {
  createWorkshopSession,
  listWorkshops,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_ANSWER,
  recordWorkshopAnswer,
  ZWorkshopAnswerInput,
  ZWorkshopSessionInput,
} from "../../services/scorecard-workshops.ts";
import { architectProcedure, architectUploadProcedure, createTRPCRouter, estateReadProcedure } from "../trpc.ts";

/** Vendor workshops: any member reads; architects (and admins) record. */
const workshopsRouter = createTRPCRouter({
  list: estateReadProcedure.query(({ ctx, input }) => listWorkshops(ctx.prisma, input.estateId)),
  createSession: architectProcedure
    .input(ZWorkshopSessionInput)
    .mutation(({ ctx, input }) => createWorkshopSession(ctx.prisma, input.estateId, ctx.session.user, input)),
  /** Multipart: `estateId`, `answer` (JSON of ZWorkshopAnswerInput) and up to five `files` (PDF or image). */
  recordAnswer: architectUploadProcedure.mutation(async ({ ctx, input }) => {
    const estateId = String(input.get("estateId"));
    let raw: unknown;
    try {
      raw = JSON.parse(String(input.get("answer") ?? ""));
    } catch {
      throw new AppError("BAD_REQUEST", "answer must be JSON");
    }
    const answer = ZWorkshopAnswerInput.safeParse(raw);
    if (!answer.success) throw new AppError("BAD_REQUEST", z.prettifyError(answer.error));
    const files = input.getAll("files").filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f);
    if (files.length > MAX_ATTACHMENTS_PER_ANSWER)
      throw new AppError("BAD_REQUEST", `At most ${MAX_ATTACHMENTS_PER_ANSWER} attachments per answer`);
    // Refuse oversize files before reading them into memory.
    for (const f of files)
      if (f.size > MAX_ATTACHMENT_BYTES)
        throw new AppError("PAYLOAD_TOO_LARGE", `${f.name} exceeds ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`);
    const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    return recordWorkshopAnswer(ctx.prisma, estateId, ctx.session.user, answer.data, uploads);
  }),
});

/** Decision records: any member reads; architects (and admins) decide and seal. */
const decisionsRouter = createTRPCRouter({
  list: estateReadProcedure.query(({ ctx, input }) => listDecisions(ctx.prisma, input.estateId)),
  /** Freezes the latest version (`baseVersion`, CONFLICT if stale) as decision N+1. */
  create: architectProcedure
    .input(ZDecisionInput.extend({ baseVersion: z.number().int().min(0) }))
    .mutation(({ ctx, input }) =>
      createDecision(
        ctx.prisma,
        input.estateId,
        ctx.session.user,
        { chosenPlatform: input.chosenPlatform, rationale: input.rationale, dissent: input.dissent },
        input.baseVersion,
      ),
    ),
  /** Seals the decision into the estate's audit chain (a new signed snapshot carrying the record's hash). */
  seal: architectProcedure
    .input(z.object({ number: z.number().int().positive() }))
    .mutation(({ ctx, input }) => sealDecision(ctx.prisma, input.estateId, ctx.session.user, input.number)),
});

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
  /** Adds (no id) or changes (id) a custom criterion: a new version. */
  saveCriterion: architectProcedure
    .input(ZCustomCriterionEdit)
    .mutation(({ ctx, input }) => saveCustomCriterion(ctx.prisma, input.estateId, ctx.session.user, input)),
  removeCriterion: architectProcedure
    .input(z.object({ criterionId: z.string().min(1).max(100) }))
    .mutation(({ ctx, input }) => removeCustomCriterion(ctx.prisma, input.estateId, ctx.session.user, input.criterionId)),
  workshops: workshopsRouter,
  decisions: decisionsRouter,
});
