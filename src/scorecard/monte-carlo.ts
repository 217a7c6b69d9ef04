/**
 * Monte Carlo robustness of the ranking: weight vectors drawn from a Dirichlet centred on the chosen
 * weights (α_i = k·w_i, so E[w] = w and a larger k means less spread), each one re-scored; the share of
 * draws in which a platform ranks first is its probability of rank 1. Seeded, hence reproducible.
 */
import { z } from "zod";
import { dirichlet, mulberry32 } from "./rng.ts";
import { rankTotals, topIndices, weightedTotals, type ScoreMatrix } from "./scoring.ts";

export const ZMonteCarloOptions = z.object({
  samples: z.number().int().min(1).max(1_000_000).default(10_000),
  seed: z.number().int().default(1),
  /** k in α = k·w. k = 100 keeps most draws within roughly ±0.1 absolute of a weight of 0.5. */
  concentration: z.number().positive().default(100),
});
export type TMonteCarloOptions = z.input<typeof ZMonteCarloOptions>;

export interface TMonteCarloResult {
  samples: number;
  seed: number;
  concentration: number;
  /** platform → probability of rank 1 (ties at the top split the draw equally). */
  probabilityTop: Record<string, number>;
  /** platform → counts of draws per rank (index 0 = rank 1); empty for knocked-out platforms. */
  rankCounts: Record<string, number[]>;
  /** platform → mean total over the draws. */
  meanTotal: Record<string, number>;
}

export function monteCarlo(m: ScoreMatrix, weights: readonly number[], options: TMonteCarloOptions = {}): TMonteCarloResult {
  const { samples, seed, concentration } = ZMonteCarloOptions.parse(options);
  const rng = mulberry32(seed);
  // Zero-weight criteria stay at 0: Dirichlet needs α > 0, and an unweighted criterion has no centre to vary around.
  const active = weights.flatMap((w, i) => (w > 0 ? [i] : []));
  const alpha = active.map((i) => concentration * weights[i]);
  const nP = m.platforms.length;
  const top = new Array<number>(nP).fill(0);
  const rankCounts = m.platforms.map(() => new Array<number>(nP).fill(0));
  const totalsSum = new Array<number>(nP).fill(0);
  const w = new Array<number>(weights.length).fill(0);
  for (let n = 0; n < samples; n++) {
    const draw = dirichlet(rng, alpha);
    active.forEach((i, k) => (w[i] = draw[k]));
    const totals = weightedTotals(m, w);
    const leaders = topIndices(totals, m.eligible);
    for (const p of leaders) top[p] += 1 / leaders.length;
    rankTotals(totals, m.eligible).forEach((r, p) => {
      if (r !== null) rankCounts[p][r - 1]++;
    });
    totals.forEach((t, p) => (totalsSum[p] += t));
  }
  return {
    samples,
    seed,
    concentration,
    probabilityTop: Object.fromEntries(m.platforms.map((p, i) => [p, top[i] / samples])),
    rankCounts: Object.fromEntries(m.platforms.map((p, i) => [p, m.eligible[i] ? rankCounts[i] : []])),
    meanTotal: Object.fromEntries(m.platforms.map((p, i) => [p, totalsSum[i] / samples])),
  };
}
