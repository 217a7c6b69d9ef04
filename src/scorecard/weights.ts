/**
 * Weight specifications shared by CLI, server and UI: direct weights (any non-negative numbers, normalised
 * to sum 1) or AHP pairwise comparisons — flat over ≤ 15 criteria, or hierarchical (groups of criteria
 * compared within each group, and the groups compared with each other; global = group × local weight).
 */
import { z } from "zod";
import { ahpWeights, matrixFromJudgements, type AhpResult } from "./ahp.ts";

export const ZJudgement = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  /** How many times more important a is than b, on Saaty's 1–9 scale (or a reciprocal). */
  value: z.number().positive(),
});

/** One pairwise comparison: a full reciprocal matrix, or the judgements of every pair. */
export const ZAhpComparison = z
  .object({
    items: z.array(z.string().min(1)).min(1).max(15),
    matrix: z.array(z.array(z.number())).optional(),
    judgements: z.array(ZJudgement).optional(),
  })
  .refine((c) => (c.matrix === undefined) !== (c.judgements === undefined), {
    message: "give exactly one of matrix or judgements",
  });
export type TAhpComparison = z.infer<typeof ZAhpComparison>;

export const ZDirectWeightSpec = z.object({
  kind: z.literal("direct"),
  /** criterion id → non-negative weight; criteria not listed get weight 0. */
  weights: z.record(z.string(), z.number().min(0)),
});

export const ZAhpWeightSpec = z.object({
  kind: z.literal("ahp"),
  comparison: ZAhpComparison,
});

export const ZAhpHierarchicalWeightSpec = z.object({
  kind: z.literal("ahp-hierarchical"),
  /** Comparison of the groups; its items are the group ids below. */
  groups: ZAhpComparison,
  /** Per group id, the comparison of the criteria inside it. */
  within: z.record(z.string(), ZAhpComparison),
});

export const ZWeightSpec = z.discriminatedUnion("kind", [ZDirectWeightSpec, ZAhpWeightSpec, ZAhpHierarchicalWeightSpec]);
export type TWeightSpec = z.infer<typeof ZWeightSpec>;

export interface AhpReport {
  label: string;
  items: string[];
  weights: number[];
  lambdaMax: number;
  ci: number;
  ri: number;
  cr: number;
}

export interface ResolvedWeights {
  /** criterion id → weight, summing to 1, in catalogue order. */
  weights: Record<string, number>;
  method: TWeightSpec["kind"] | "equal";
  ahp: AhpReport[];
  /** Criteria that received weight 0 because the spec did not mention them. */
  unweighted: string[];
}

export class WeightSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WeightSpecError";
  }
}

/** Equal weights over all criteria: the neutral default before architects weigh anything. */
export function equalWeights(criterionIds: string[]): ResolvedWeights {
  const w = 1 / criterionIds.length;
  return { weights: Object.fromEntries(criterionIds.map((id) => [id, w])), method: "equal", ahp: [], unweighted: [] };
}

/** Normalises raw non-negative weights to sum 1; errors on unknown ids or an all-zero vector. */
export function normaliseWeights(raw: Record<string, number>, criterionIds: string[]): Record<string, number> {
  const known = new Set(criterionIds);
  for (const id of Object.keys(raw)) if (!known.has(id)) throw new WeightSpecError(`Weight given for unknown criterion "${id}".`);
  const sum = criterionIds.reduce((s, id) => s + (raw[id] ?? 0), 0);
  if (!(sum > 0)) throw new WeightSpecError("Weights sum to 0: at least one criterion needs a positive weight.");
  return Object.fromEntries(criterionIds.map((id) => [id, (raw[id] ?? 0) / sum]));
}

function runComparison(label: string, c: TAhpComparison): { result: AhpResult; report: AhpReport } {
  const matrix = c.matrix ?? matrixFromJudgements(c.items, c.judgements ?? []);
  if (matrix.length !== c.items.length)
    throw new WeightSpecError(`AHP "${label}": ${c.items.length} items but a ${matrix.length}×${matrix.length} matrix.`);
  const result = ahpWeights(matrix, label);
  const { weights, lambdaMax, ci, ri, cr } = result;
  return { result, report: { label, items: c.items, weights, lambdaMax, ci, ri, cr } };
}

/** Turns a weight spec into normalised criterion weights; throws AhpInconsistentError when any CR ≥ 0.10. */
export function resolveWeights(spec: TWeightSpec, criterionIds: string[]): ResolvedWeights {
  const parsed = ZWeightSpec.parse(spec);
  let raw: Record<string, number>;
  const ahp: AhpReport[] = [];
  if (parsed.kind === "direct") {
    raw = parsed.weights;
  } else if (parsed.kind === "ahp") {
    const { report } = runComparison("criteria", parsed.comparison);
    ahp.push(report);
    raw = Object.fromEntries(report.items.map((id, i) => [id, report.weights[i]]));
  } else {
    const top = runComparison("groups", parsed.groups);
    ahp.push(top.report);
    raw = {};
    for (const [gi, group] of top.report.items.entries()) {
      const within = parsed.within[group];
      if (!within) throw new WeightSpecError(`AHP group "${group}" has no comparison of its criteria.`);
      const local = runComparison(`group ${group}`, within);
      ahp.push(local.report);
      for (const [i, id] of local.report.items.entries()) {
        if (id in raw) throw new WeightSpecError(`Criterion "${id}" appears in more than one AHP group.`);
        raw[id] = top.report.weights[gi] * local.report.weights[i];
      }
    }
    for (const g of Object.keys(parsed.within))
      if (!top.report.items.includes(g)) throw new WeightSpecError(`AHP group "${g}" is not in the group comparison.`);
  }
  const weights = normaliseWeights(raw, criterionIds);
  return { weights, method: parsed.kind, ahp, unweighted: criterionIds.filter((id) => !(id in raw)) };
}
