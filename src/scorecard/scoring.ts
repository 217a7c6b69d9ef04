/**
 * Weighted-sum scoring: total(p) = Σ_c w_c · s_{c,p}, ranks among the platforms that pass every knock-out.
 * Works on a small dense matrix so sensitivity and Monte Carlo can re-score thousands of times cheaply.
 */
import type { TPlatformId } from "./platforms.ts";

export interface ScoreMatrix {
  platforms: TPlatformId[];
  criteria: string[];
  /** scores[c][p], 0–5. */
  scores: number[][];
  /** eligible[p]: false when the platform failed a knock-out. */
  eligible: boolean[];
}

/** Ties closer than this are ties (weights are floats that went through normalisation). */
export const TIE_EPSILON = 1e-9;

export function weightedTotals(m: ScoreMatrix, weights: readonly number[]): number[] {
  return m.platforms.map((_, p) => m.criteria.reduce((sum, _c, c) => sum + weights[c] * m.scores[c][p], 0));
}

/** Competition ranking ("1, 1, 3") of eligible platforms by total; null for knocked-out platforms. */
export function rankTotals(totals: readonly number[], eligible: readonly boolean[]): (number | null)[] {
  return totals.map((t, p) => {
    if (!eligible[p]) return null;
    let better = 0;
    totals.forEach((u, q) => {
      if (q !== p && eligible[q] && u > t + TIE_EPSILON) better++;
    });
    return better + 1;
  });
}

/** Indices of the eligible platforms sharing the highest total. */
export function topIndices(totals: readonly number[], eligible: readonly boolean[]): number[] {
  let best = -Infinity;
  totals.forEach((t, p) => {
    if (eligible[p] && t > best) best = t;
  });
  return totals.flatMap((t, p) => (eligible[p] && t >= best - TIE_EPSILON ? [p] : []));
}

export interface TPlatformResult {
  platform: TPlatformId;
  total: number;
  /** null when excluded by a knock-out. */
  rank: number | null;
  excluded: boolean;
  /** Weighted contribution per criterion (for stacked bars). */
  contributions: Record<string, number>;
}

export function scorePlatforms(m: ScoreMatrix, weights: readonly number[]): TPlatformResult[] {
  const totals = weightedTotals(m, weights);
  const ranks = rankTotals(totals, m.eligible);
  return m.platforms.map((platform, p) => ({
    platform,
    total: totals[p],
    rank: ranks[p],
    excluded: !m.eligible[p],
    contributions: Object.fromEntries(m.criteria.map((c, ci) => [c, weights[ci] * m.scores[ci][p]])),
  }));
}
