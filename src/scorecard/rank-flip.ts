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

export function rankFlipThresholds(m: ScoreMatrix, weights: readonly number[]): TRankFlipResult {
  const totals = weightedTotals(m, weights);
  const leaders = topIndices(totals, m.eligible);
  if (leaders.length === 0) return { top: null, criteria: [], mostSensitive: null };
  const star = leaders[0];
  const eligibleOthers = m.platforms.map((_, p) => p).filter((p) => p !== star && m.eligible[p]);
  const criteria: TRankFlip[] = m.criteria.map((criterion, i) => {
    const t0 = weights[i];
    const rest = 1 - t0;
    const others = m.criteria.length - 1;
    const base = (p: number) =>
      rest > 1e-12
        ? (totals[p] - t0 * m.scores[i][p]) / rest
        : m.criteria.reduce((s, _c, j) => s + (j === i ? 0 : m.scores[j][p]), 0) / others;
    const sStar = m.scores[i][star];
    const rStar = base(star);
    let up: { t: number; q: number } | null = null;
    let down: { t: number; q: number } | null = null;
    for (const q of eligibleOthers) {
      // D(t) = T_*(t) − T_q(t) = (r* − r_q) + t·[(s* − r*) − (s_q − r_q)]; zero at t = −a/b.
      const a = rStar - base(q);
      const b = sStar - rStar - (m.scores[i][q] - base(q));
      if (Math.abs(b) < 1e-15) continue; // parallel: the gap never changes with this weight
      const t = -a / b;
      const d0 = a + b * t0;
      // q overtakes when moving in the direction in which D decreases.
      if (b < 0 && t >= t0 - TIE_EPSILON && t <= 1 + 1e-12 && d0 >= -TIE_EPSILON) {
        if (!up || t < up.t) up = { t: Math.max(t, t0), q };
      }
      if (b > 0 && t <= t0 + TIE_EPSILON && t >= -1e-12 && d0 >= -TIE_EPSILON) {
        if (!down || t > down.t) down = { t: Math.min(t, t0), q };
      }
    }
    const flip = (x: { t: number; q: number } | null): TFlip | null =>
      x && {
        weight: clamp01(x.t),
        change: clamp01(x.t) - t0,
        relativeChange: t0 > 0 ? (clamp01(x.t) - t0) / t0 : null,
        newTop: m.platforms[x.q],
      };
    return { criterion, weight: t0, increase: flip(up), decrease: flip(down) };
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
