/**
 * The smallest change of one criterion's weight that changes the top-ranked platform, in both directions.
 * With weight w_i set to t and the other weights rescaled proportionally to sum 1 − t, every total is
 * linear in t: T_p(t) = t·s_ip + (1 − t)·R_p, R_p = (T_p − w_i·s_ip)/(1 − w_i). The leader p* is overtaken
 * by q exactly where T_p*(t) = T_q(t), so the threshold is solved in closed form, not searched.
 */
import { topIndices, weightedTotals, TIE_EPSILON, type ScoreMatrix } from "./scoring.ts";
import type { TPlatformId } from "./platforms.ts";

export interface TFlip {
  /** The criterion weight at which the leader ties with `newTop`; beyond it `newTop` leads. */
  weight: number;
  /** weight − current weight (absolute, in weight units). */
  change: number;
  /** change / current weight; null when the current weight is 0. */
  relativeChange: number | null;
  newTop: TPlatformId;
}

export interface TRankFlip {
  criterion: string;
  weight: number;
  /** null: raising the weight up to 1 never changes the leader. */
  increase: TFlip | null;
  /** null: lowering the weight down to 0 never changes the leader. */
  decrease: TFlip | null;
}

export interface TRankFlipResult {
  top: TPlatformId | null;
  criteria: TRankFlip[];
  /** The criterion whose weight needs the smallest absolute change to flip the leader, with that flip. */
  mostSensitive: { criterion: string; direction: "increase" | "decrease"; flip: TFlip } | null;
}

/** Weights with criterion i set to t and the others rescaled proportionally (equally if they were all 0). */
export function weightsWithCriterionAt(weights: readonly number[], i: number, t: number): number[] {
  const rest = 1 - weights[i];
  return weights.map((w, j) => (j === i ? t : rest > 1e-12 ? (w * (1 - t)) / rest : (1 - t) / (weights.length - 1)));
}

/**
 * Where platform q catches up with platform a as criterion i's weight moves from its current value t0
 * (the others rescaled proportionally). D(t) = T_a(t) − T_q(t) = α + t·β is linear, so the crossing is
 * t = −α/β. Returns null when the gap never closes in [0, 1] in either direction (parallel, or q already ahead).
 */
export function crossing(
  m: ScoreMatrix,
  weights: readonly number[],
  totals: readonly number[],
  i: number,
  a: number,
  q: number,
): { t: number; direction: "increase" | "decrease" } | null {
  const t0 = weights[i];
  const rest = 1 - t0;
  const others = m.criteria.length - 1;
  const base = (p: number) =>
    rest > 1e-12
      ? (totals[p] - t0 * m.scores[i][p]) / rest
      : others > 0
        ? m.criteria.reduce((s, _c, j) => s + (j === i ? 0 : m.scores[j][p]), 0) / others
        : 0;
  const rA = base(a);
  const alpha = rA - base(q);
  const beta = m.scores[i][a] - rA - (m.scores[i][q] - base(q));
  if (Math.abs(beta) < 1e-15) return null; // parallel: the gap never changes with this weight
  const t = -alpha / beta;
  const d0 = alpha + beta * t0;
  if (d0 < -TIE_EPSILON) return null; // q is already ahead of a
  // q catches up when moving in the direction in which D decreases.
  if (beta < 0 && t >= t0 - TIE_EPSILON && t <= 1 + 1e-12) return { t: Math.max(t, t0), direction: "increase" };
  if (beta > 0 && t <= t0 + TIE_EPSILON && t >= -1e-12) return { t: Math.min(t, t0), direction: "decrease" };
  return null;
}

const flipOf = (m: ScoreMatrix, t0: number, x: { t: number; q: number } | null): TFlip | null =>
  x && {
    weight: clamp01(x.t),
    change: clamp01(x.t) - t0,
    relativeChange: t0 > 0 ? (clamp01(x.t) - t0) / t0 : null,
    newTop: m.platforms[x.q],
  };

export function rankFlipThresholds(m: ScoreMatrix, weights: readonly number[]): TRankFlipResult {
  const totals = weightedTotals(m, weights);
  const leaders = topIndices(totals, m.eligible);
  if (leaders.length === 0) return { top: null, criteria: [], mostSensitive: null };
  const star = leaders[0];
  const eligibleOthers = m.platforms.map((_, p) => p).filter((p) => p !== star && m.eligible[p]);
  const criteria: TRankFlip[] = m.criteria.map((criterion, i) => {
    let up: { t: number; q: number } | null = null;
    let down: { t: number; q: number } | null = null;
    for (const q of eligibleOthers) {
      const x = crossing(m, weights, totals, i, star, q);
      if (x?.direction === "increase" && (!up || x.t < up.t)) up = { t: x.t, q };
      if (x?.direction === "decrease" && (!down || x.t > down.t)) down = { t: x.t, q };
    }
    return { criterion, weight: weights[i], increase: flipOf(m, weights[i], up), decrease: flipOf(m, weights[i], down) };
  });
  let mostSensitive: TRankFlipResult["mostSensitive"] = null;
  for (const c of criteria)
    for (const direction of ["increase", "decrease"] as const) {
      const f = c[direction];
      if (f && (!mostSensitive || Math.abs(f.change) < Math.abs(mostSensitive.flip.change)))
        mostSensitive = { criterion: c.criterion, direction, flip: f };
    }
  return { top: m.platforms[star], criteria, mostSensitive };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export interface TPairFlip {
  criterion: string;
  direction: "increase" | "decrease";
  flip: TFlip;
  /**
   * Another eligible platform that is ahead of both at the crossing weight, if any: then the change makes
   * `second` overtake `first` but not lead.
   */
  overtakenBy: TPlatformId | null;
}

/**
 * The smallest single-weight change (absolute) at which platform `second` draws level with platform
 * `first`; beyond it their order flips. Null when no single weight between 0 and 1 does it.
 */
export function pairFlip(m: ScoreMatrix, weights: readonly number[], first: number, second: number): TPairFlip | null {
  const totals = weightedTotals(m, weights);
  let best: TPairFlip | null = null;
  m.criteria.forEach((criterion, i) => {
    const x = crossing(m, weights, totals, i, first, second);
    // Meeting only at the end of the range (weight 0 or 1) is a tie, not a swap: nothing lies beyond it.
    if (!x || (x.direction === "increase" ? x.t >= 1 - 1e-9 : x.t <= 1e-9)) return;
    const flip = flipOf(m, weights[i], { t: x.t, q: second })!;
    if (best && Math.abs(flip.change) >= Math.abs(best.flip.change)) return;
    const at = weightedTotals(m, weightsWithCriterionAt(weights, i, flip.weight));
    const ahead = m.platforms.findIndex(
      (_, p) => p !== first && p !== second && m.eligible[p] && at[p] > Math.max(at[first], at[second]) + TIE_EPSILON,
    );
    best = { criterion, direction: x.direction, flip, overtakenBy: ahead >= 0 ? m.platforms[ahead] : null };
  });
  return best;
}
