/**
 * The scorecard in one call: catalogue scores (+ scores computed from the estate, + architects' overrides),
 * knock-outs, weights, totals and ranks, one-at-a-time sensitivity, rank-flip thresholds and the Monte Carlo
 * probability of rank 1. Pure: the CLI, the server and the UI all call this with data.
 */
import { z } from "zod";
import type { NsxEstate } from "../policy/index.ts";
import { PLATFORMS, ZPlatformId, type TPlatform, type TPlatformId } from "./platforms.ts";
import { SEED_CATALOGUE } from "./criteria/catalogue.ts";
import {
  ZCatalogue,
  ZEvidenceLevel,
  ZIsoDate,
  type TCatalogue,
  type TCriterion,
  type TPlatformScore,
  type TWorkshopQuestion,
} from "./criteria/types.ts";
import { equalWeights, resolveWeights, type ResolvedWeights, type TWeightSpec } from "./weights.ts";
import { scorePlatforms, type ScoreMatrix, type TPlatformResult } from "./scoring.ts";
import { oneAtATime, type TOatResult } from "./sensitivity.ts";
import { rankFlipThresholds, type TRankFlipResult } from "./rank-flip.ts";
import { monteCarlo, type TMonteCarloOptions, type TMonteCarloResult } from "./monte-carlo.ts";
import { estateCoverage, type TEstateCoverage, type TTranslationFinding } from "./estate-coverage.ts";
import type { TAzureNsgLimits, TGroupMembership } from "./azure-nsg-flattening.ts";
import { normaliseCustomCriterion, ZCustomCriterion, type TCustomCriterion } from "./custom-criteria.ts";
import { explainRanking, type TRankExplanation } from "./explain.ts";

/** An architect's edit of one score (the UI versions these with who and when). */
export const ZScoreOverride = z.object({
  criterionId: z.string(),
  platform: ZPlatformId,
  score: z.number().min(0).max(5),
  rationale: z.string().min(1),
  evidence: ZEvidenceLevel,
  date: ZIsoDate,
  author: z.string().optional(),
  /** A workshop answer cited as this score's evidence. */
  answerId: z.uuid().optional(),
});
export type TScoreOverride = z.infer<typeof ZScoreOverride>;

/** How a cited workshop answer is named in a score's sources (the server looks the answer up). */
export interface TAnswerCitation {
  /** e.g. "Workshop OVE, 2026-12-03". */
  document: string;
  /** e.g. "rs-1 NSX DFW Rule Migration Strategy: answer recorded by Ari Architect". */
  section: string;
}

export interface BuildScorecardInput {
  catalogue?: TCatalogue;
  scoreOverrides?: TScoreOverride[];
  /** Architects' own criteria, after the catalogue's. */
  customCriteria?: TCustomCriterion[];
  /** answer id → how to name it, for scores and values citing a workshop answer. */
  citations?: Record<string, TAnswerCitation>;
  /** Default: equal weights over all criteria. */
  weights?: TWeightSpec;
  estate?: NsxEstate;
  translationFindings?: TTranslationFinding[];
  membership?: TGroupMembership;
  azureLimits?: Partial<TAzureNsgLimits>;
  monteCarlo?: TMonteCarloOptions;
  /** One-at-a-time step, default 0.2 (±20 %). */
  oatStep?: number;
}

export interface TEffectiveScore extends TPlatformScore {
  origin: "catalogue" | "estate" | "override" | "custom";
  author?: string;
  /** The workshop answer this score cites as evidence. */
  answerId?: string;
  /** Custom numeric criteria: the value the score was normalised from, in its unit ("250,000 CHF/yr"). */
  value?: string;
}

export interface TScorecardCriterion {
  id: string;
  name: string;
  group: TCriterion["group"];
  kind: TCriterion["kind"] | "custom";
  description: string;
  weight: number;
  /** Custom criteria: direction, unit and the normalisation rule in words. */
  custom?: Pick<TCustomCriterion, "direction" | "unit" | "author"> & { rule: string };
  knockOut?: TCriterion["knockOut"];
  workshopQuestions: TWorkshopQuestion[];
  scores: TEffectiveScore[];
}

export interface TKnockOutHit {
  platform: TPlatformId;
  criterionId: string;
  reason: string;
  score?: number;
  minScore?: number;
}

export interface TScorecard {
  catalogueVersion: string;
  platforms: TPlatform[];
  criteria: TScorecardCriterion[];
  weights: ResolvedWeights;
  results: TPlatformResult[];
  knockOuts: TKnockOutHit[];
  sensitivity: { oneAtATime: TOatResult; rankFlip: TRankFlipResult };
  monteCarlo: TMonteCarloResult;
  /** Who leads, why, and the smallest weight change that swaps ranks 1 and 2, in words. */
  explanation: TRankExplanation;
  estateCoverage?: TEstateCoverage;
  notes: string[];
}

export function buildScorecard(input: BuildScorecardInput = {}): TScorecard {
  const catalogue = input.catalogue ? ZCatalogue.parse(input.catalogue) : SEED_CATALOGUE;
  const overrides = z.array(ZScoreOverride).parse(input.scoreOverrides ?? []);
  const custom = z.array(ZCustomCriterion).parse(input.customCriteria ?? []);
  const platforms = PLATFORMS.map((p) => p.id);
  const criterionIds = catalogue.criteria.map((c) => c.id);
  const notes: string[] = [];

  for (const o of overrides)
    if (!criterionIds.includes(o.criterionId)) throw new Error(`Score override names unknown criterion "${o.criterionId}".`);
  for (const c of custom)
    if (criterionIds.includes(c.id) || custom.filter((d) => d.id === c.id).length > 1)
      throw new Error(`Custom criterion id "${c.id}" is not unique.`);
  const cite = (answerId: string | undefined) => (answerId ? input.citations?.[answerId] : undefined);

  const coverage = input.estate
    ? estateCoverage(input.estate, input.translationFindings, { membership: input.membership, azureLimits: input.azureLimits })
    : undefined;
  if (!coverage)
    notes.push("No estate given: the estate-coverage criterion shows the catalogue's fallback scores (marked as assumptions).");
  else if (!coverage.translationGiven)
    notes.push("OVE estate coverage is an ESTIMATE from rule features; a translation's findings give the real figure.");

  const questions = new Map(catalogue.workshopQuestions.map((q) => [q.id, q]));
  const criteria: TScorecardCriterion[] = catalogue.criteria.map((c) => {
    const scores: TEffectiveScore[] = platforms.map((platform) => {
      const override = overrides.find((o) => o.criterionId === c.id && o.platform === platform);
      if (override) {
        const citation = cite(override.answerId);
        return {
          platform,
          score: override.score,
          rationale: override.rationale,
          evidence: override.evidence,
          date: override.date,
          sources: [...(citation ? [citation] : []), { document: "architect override", section: override.author ?? "unknown author" }],
          origin: "override",
          author: override.author,
          ...(override.answerId ? { answerId: override.answerId } : {}),
        };
      }
      const cov = c.kind === "estate" ? coverage?.platforms.find((p) => p.platform === platform) : undefined;
      if (cov)
        return {
          platform,
          score: cov.score,
          rationale: `${cov.basisLabel}: ${cov.expressible} of ${cov.rules} enabled rules expressible (${(cov.share * 100).toFixed(1)} %).`,
          evidence:
            cov.basis === "translation-findings" || cov.basis === "nsg-model"
              ? "tested"
              : cov.basis === "rule-feature-estimate"
                ? "assumption"
                : "documented",
          date: catalogue.date,
          sources: [{ document: `estate "${coverage?.estate}"`, section: `estate-coverage (${cov.basis})` }],
          origin: "estate",
        };
      const seeded = c.scores.find((s) => s.platform === platform);
      if (!seeded) throw new Error(`Criterion "${c.id}" has no score for ${platform}.`);
      return { ...seeded, origin: "catalogue" };
    });
    return {
      id: c.id,
      name: c.name,
      group: c.group,
      kind: c.kind,
      description: c.description,
      weight: 0,
      knockOut: c.knockOut,
      workshopQuestions: c.workshopQuestions.flatMap((id) => questions.get(id) ?? []),
      scores,
    };
  });

  for (const c of custom) {
    const normalised = normaliseCustomCriterion(c);
    criteria.push({
      id: c.id,
      name: c.name,
      group: c.group,
      kind: "custom",
      description: c.description,
      weight: 0,
      workshopQuestions: [],
      custom: { direction: c.direction, unit: c.unit, author: c.author, rule: normalised.rule },
      scores: platforms.map((platform) => {
        const v = c.values.find((x) => x.platform === platform)!;
        const citation = cite(v.answerId);
        return {
          platform,
          score: normalised.scores[platform],
          rationale: c.unit.kind === "number" ? `${normalised.workings[platform]}. ${normalised.rule}` : normalised.rule,
          evidence: v.evidence,
          date: v.date,
          sources: [
            ...(citation ? [citation] : []),
            { document: v.source, section: c.author ? `recorded by ${c.author}` : "custom criterion" },
          ],
          origin: "custom",
          author: c.author,
          value: normalised.workings[platform].split(" → ")[0],
          ...(v.answerId ? { answerId: v.answerId } : {}),
        };
      }),
    });
  }

  const knockOuts: TKnockOutHit[] = [];
  for (const c of criteria)
    if (c.knockOut)
      for (const s of c.scores)
        if (s.score < c.knockOut.minScore)
          knockOuts.push({
            platform: s.platform,
            criterionId: c.id,
            reason: c.knockOut.reason,
            score: s.score,
            minScore: c.knockOut.minScore,
          });
  for (const cov of coverage?.platforms ?? [])
    if (cov.knockOut) knockOuts.push({ platform: cov.platform, criterionId: "estate-coverage", reason: cov.knockOut });

  const weighted = weighCriteria(criteria, knockOuts, input.weights, { monteCarlo: input.monteCarlo, oatStep: input.oatStep });
  if (!input.weights) notes.push("No weights given: equal weights over all criteria.");
  if (!weighted.results.some((r) => !r.excluded)) notes.push("Every platform failed a knock-out: no ranking.");

  return {
    catalogueVersion: catalogue.version,
    platforms: [...PLATFORMS],
    criteria: weighted.criteria,
    weights: weighted.weights,
    results: weighted.results,
    knockOuts,
    sensitivity: weighted.sensitivity,
    monteCarlo: weighted.monteCarlo,
    explanation: weighted.explanation,
    estateCoverage: coverage,
    notes,
  };
}

/** The weight-dependent part of a scorecard: weights, totals, ranks, sensitivity and Monte Carlo. */
function weighCriteria(
  criteria: TScorecardCriterion[],
  knockOuts: TKnockOutHit[],
  spec: TWeightSpec | undefined,
  options: { monteCarlo?: TMonteCarloOptions; oatStep?: number },
): Pick<TScorecard, "criteria" | "weights" | "results" | "sensitivity" | "monteCarlo" | "explanation"> {
  const platforms = PLATFORMS.map((p) => p.id);
  const criterionIds = criteria.map((c) => c.id);
  const weights = spec ? resolveWeights(spec, criterionIds) : equalWeights(criterionIds);
  const weightedCriteria = criteria.map((c) => ({ ...c, weight: weights.weights[c.id] }));
  const w = criterionIds.map((id) => weights.weights[id]);
  const matrix: ScoreMatrix = {
    platforms,
    criteria: criterionIds,
    scores: criteria.map((c) => platforms.map((p) => c.scores.find((s) => s.platform === p)?.score ?? 0)),
    eligible: platforms.map((p) => !knockOuts.some((k) => k.platform === p)),
  };
  return {
    criteria: weightedCriteria,
    weights,
    results: scorePlatforms(matrix, w),
    sensitivity: { oneAtATime: oneAtATime(matrix, w, options.oatStep ?? 0.2), rankFlip: rankFlipThresholds(matrix, w) },
    monteCarlo: monteCarlo(matrix, w, options.monteCarlo),
    explanation: explainRanking(matrix, w, {
      platforms: PLATFORMS,
      criteria: Object.fromEntries(criteria.map((c) => [c.id, c.name])),
    }),
  };
}

/**
 * The same scorecard under different weights, without the estate: scores, knock-outs and estate coverage
 * are kept, everything weight-dependent is recomputed exactly as buildScorecard does. The UI calls this in
 * the browser for a live preview while an architect moves a weight; the server stores the weight spec.
 * Throws like resolveWeights (unknown criterion, all-zero weights, AHP CR ≥ 0.10).
 */
export function reweighScorecard(
  base: TScorecard,
  weights: TWeightSpec,
  options: { monteCarlo?: TMonteCarloOptions; oatStep?: number } = {},
): TScorecard {
  const weighted = weighCriteria(base.criteria, base.knockOuts, weights, {
    monteCarlo: options.monteCarlo ?? {
      seed: base.monteCarlo.seed,
      samples: base.monteCarlo.samples,
      concentration: base.monteCarlo.concentration,
    },
    oatStep: options.oatStep ?? base.sensitivity.oneAtATime.step,
  });
  return { ...base, ...weighted, notes: base.notes.filter((n) => !n.startsWith("No weights given")) };
}
