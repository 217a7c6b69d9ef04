/**
 * One-at-a-time sensitivity: each weight in turn is multiplied by (1 ± 20 %), the vector renormalised to
 * sum 1, and the platforms re-scored. Shows which single judgement the ranking depends on.
 */
import { rankTotals, topIndices, weightedTotals, type ScoreMatrix } from "./scoring.ts";
import type { TPlatformId } from "./platforms.ts";

export interface TOatCase {
  criterion: string;
  direction: "up" | "down";
  /** The criterion's weight after the change and renormalisation. */
  weight: number;
  totals: Record<string, number>;
  ranks: Record<string, number | null>;
  top: TPlatformId[];
  /** True when the set of top-ranked platforms differs from the base case. */
  topChanged: boolean;
}

export interface TOatResult {
  step: number;
  baseTop: TPlatformId[];
  cases: TOatCase[];
}

/** Perturbs weight c by factor (1 + delta) and renormalises the whole vector. */
export function perturbWeight(weights: readonly number[], c: number, delta: number): number[] {
  const w = weights.slice();
  w[c] = w[c] * (1 + delta);
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

export function oneAtATime(m: ScoreMatrix, weights: readonly number[], step = 0.2): TOatResult {
  const baseTop = topIndices(weightedTotals(m, weights), m.eligible);
  const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const cases: TOatCase[] = [];
  m.criteria.forEach((criterion, c) => {
    for (const direction of ["up", "down"] as const) {
      const w = perturbWeight(weights, c, direction === "up" ? step : -step);
      const totals = weightedTotals(m, w);
      const ranks = rankTotals(totals, m.eligible);
      const top = topIndices(totals, m.eligible);
      cases.push({
        criterion,
        direction,
        weight: w[c],
        totals: Object.fromEntries(m.platforms.map((p, i) => [p, totals[i]])),
        ranks: Object.fromEntries(m.platforms.map((p, i) => [p, ranks[i]])),
        top: top.map((i) => m.platforms[i]),
        topChanged: !same(top, baseTop),
      });
    }
  });
  return { step, baseTop: baseTop.map((i) => m.platforms[i]), cases };
}
