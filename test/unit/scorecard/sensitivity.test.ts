import { describe, expect, it } from "vitest";
import type { ScoreMatrix } from "../../../src/scorecard/scoring.ts";
import { rankTotals, topIndices, weightedTotals } from "../../../src/scorecard/scoring.ts";
import { oneAtATime, perturbWeight } from "../../../src/scorecard/sensitivity.ts";
import { rankFlipThresholds, weightsWithCriterionAt } from "../../../src/scorecard/rank-flip.ts";
import { monteCarlo } from "../../../src/scorecard/monte-carlo.ts";
import { buildScorecard } from "../../../src/scorecard/scorecard.ts";

// Three criteria, four platforms; scores[c][p].
const M: ScoreMatrix = {
  platforms: ["vmware-nsx", "ove", "azure-local", "swisscom-esc"],
  criteria: ["c1", "c2", "c3"],
  scores: [
    [5, 3, 2, 1],
    [1, 4, 3, 2],
    [2, 3, 5, 1],
  ],
  eligible: [true, true, true, true],
};
const W = [0.5, 0.3, 0.2];

describe("scoring", () => {
  it("weighted totals and competition ranks, knock-outs excluded", () => {
    const t = weightedTotals(M, W);
    expect(t).toEqual(
      [0.5 * 5 + 0.3 * 1 + 0.2 * 2, 0.5 * 3 + 0.3 * 4 + 0.2 * 3, 0.5 * 2 + 0.3 * 3 + 0.2 * 5, 0.5 + 0.6 + 0.2].map((x) =>
        expect.closeTo(x, 12),
      ),
    );
    expect(rankTotals(t, M.eligible)).toEqual([2, 1, 3, 4]);
    expect(rankTotals(t, [true, false, true, true])).toEqual([1, null, 2, 3]);
    expect(rankTotals([1, 1, 0.5], [true, true, true])).toEqual([1, 1, 3]);
  });
});

describe("one-at-a-time ±20 %", () => {
  it("multiplies one weight by 1.2 / 0.8 and renormalises", () => {
    const up = perturbWeight(W, 0, 0.2);
    expect(up[0]).toBeCloseTo(0.6 / 1.1, 12);
    expect(up[1]).toBeCloseTo(0.3 / 1.1, 12);
    expect(up.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const res = oneAtATime(M, W);
    expect(res.cases).toHaveLength(6);
    const c1up = res.cases.find((c) => c.criterion === "c1" && c.direction === "up")!;
    expect(c1up.weight).toBeCloseTo(0.6 / 1.1, 12);
    expect(c1up.totals["vmware-nsx"]).toBeCloseTo((0.6 * 5 + 0.3 * 1 + 0.2 * 2) / 1.1, 12);
    expect(res.baseTop).toEqual(["ove"]);
    // Raising c1 by 20 %: NSX (3.7/1.1) vs OVE (3.6/1.1) → NSX leads.
    expect(c1up.top).toEqual(["vmware-nsx"]);
    expect(c1up.topChanged).toBe(true);
  });
});

describe("rank-flip thresholds", () => {
  const res = rankFlipThresholds(M, W);

  it("finds the leader and a flip per criterion", () => {
    expect(res.top).toBe("ove");
    expect(res.criteria).toHaveLength(3);
  });

  it("each threshold is exact: leader unchanged just before, changed just after", () => {
    const eps = 1e-7;
    let checked = 0;
    res.criteria.forEach((c, i) => {
      for (const dir of ["increase", "decrease"] as const) {
        const f = c[dir];
        if (!f) continue;
        const sign = dir === "increase" ? 1 : -1;
        const before = weightsWithCriterionAt(W, i, f.weight - sign * eps);
        const after = weightsWithCriterionAt(W, i, f.weight + sign * eps);
        const at = weightsWithCriterionAt(W, i, f.weight);
        expect(topIndices(weightedTotals(M, before), M.eligible).map((p) => M.platforms[p])).toEqual(["ove"]);
        expect(topIndices(weightedTotals(M, after), M.eligible).map((p) => M.platforms[p])).toEqual([f.newTop]);
        const tAt = weightedTotals(M, at);
        expect(tAt[M.platforms.indexOf(f.newTop)]).toBeCloseTo(tAt[1], 10); // tie at the threshold
        checked++;
      }
    });
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it("c1 increase flips to NSX at the solved crossing point", () => {
    // Others rescaled: T_nsx(t) = 5t + (1−t)·(0.3·1+0.2·2)/0.5 = 5t + 1.4(1−t); T_ove(t) = 3t + 3.6(1−t) → t = 2.2/4.2.
    expect(res.criteria[0].increase?.weight).toBeCloseTo(2.2 / 4.2, 12);
    expect(res.criteria[0].increase?.newTop).toBe("vmware-nsx");
    expect(res.criteria[0].increase?.change).toBeCloseTo(2.2 / 4.2 - 0.5, 12);
  });

  it("reports the most sensitive criterion as the smallest absolute change", () => {
    const all = res.criteria.flatMap((c) => [c.increase, c.decrease]).filter((f) => f !== null);
    expect(Math.abs(res.mostSensitive!.flip.change)).toBe(Math.min(...all.map((f) => Math.abs(f!.change))));
  });

  it("no flip when the leader dominates every criterion", () => {
    const dom: ScoreMatrix = {
      ...M,
      scores: [
        [5, 1, 1, 1],
        [5, 2, 2, 2],
        [5, 4, 0, 0],
      ],
    };
    const r = rankFlipThresholds(dom, W);
    expect(r.criteria.every((c) => c.increase === null && c.decrease === null)).toBe(true);
  });
});

describe("Monte Carlo (Dirichlet around the weights)", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = monteCarlo(M, W, { samples: 2000, seed: 42, concentration: 50 });
    const b = monteCarlo(M, W, { samples: 2000, seed: 42, concentration: 50 });
    const c = monteCarlo(M, W, { samples: 2000, seed: 43, concentration: 50 });
    expect(a).toEqual(b);
    expect(a.probabilityTop).not.toEqual(c.probabilityTop);
    const sum = Object.values(a.probabilityTop).reduce((s, x) => s + x, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it("a dominant platform wins ≈ always", () => {
    const dom: ScoreMatrix = {
      ...M,
      scores: [
        [5, 1, 1, 1],
        [5, 2, 2, 2],
        [5, 4, 0, 0],
      ],
    };
    const r = monteCarlo(dom, W, { samples: 10_000, seed: 7 });
    expect(r.probabilityTop["vmware-nsx"]).toBe(1);
    expect(r.rankCounts["vmware-nsx"][0]).toBe(10_000);
  });

  it("close contest splits; mean weights stay centred (mean totals ≈ base totals)", () => {
    const r = monteCarlo(M, W, { samples: 10_000, seed: 1, concentration: 100 });
    const base = weightedTotals(M, W);
    M.platforms.forEach((p, i) => expect(r.meanTotal[p]).toBeCloseTo(base[i], 1));
    expect(r.probabilityTop.ove).toBeGreaterThan(0.5);
    expect(r.probabilityTop["vmware-nsx"]).toBeGreaterThan(0.05);
  });

  it("knocked-out platforms never rank", () => {
    const r = monteCarlo({ ...M, eligible: [true, false, true, true] }, W, { samples: 500 });
    expect(r.probabilityTop.ove).toBe(0);
    expect(r.rankCounts.ove).toEqual([]);
  });
});

describe("buildScorecard on the seeded catalogue", () => {
  it("default run is deterministic and consistent with its parts", () => {
    const a = buildScorecard({ monteCarlo: { samples: 1000, seed: 3 } });
    const b = buildScorecard({ monteCarlo: { samples: 1000, seed: 3 } });
    expect(a).toEqual(b);
    expect(a.criteria.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    const totalOf = (p: string) => a.criteria.reduce((s, c) => s + c.weight * c.scores.find((x) => x.platform === p)!.score, 0);
    for (const r of a.results) expect(r.total).toBeCloseTo(totalOf(r.platform), 12);
  });

  it("applies knock-outs: a failing score excludes the platform with the reason", () => {
    const s = buildScorecard({
      monteCarlo: { samples: 200 },
      scoreOverrides: [
        {
          criterionId: "microsegmentation",
          platform: "swisscom-esc",
          score: 1,
          rationale: "PoC failed",
          evidence: "tested",
          date: "2026-11-21",
          author: "architect",
        },
      ],
    });
    const esc = s.results.find((r) => r.platform === "swisscom-esc")!;
    expect(esc.excluded).toBe(true);
    expect(esc.rank).toBeNull();
    expect(s.knockOuts).toContainEqual(
      expect.objectContaining({ platform: "swisscom-esc", criterionId: "microsegmentation", score: 1, minScore: 2 }),
    );
    expect(s.monteCarlo.probabilityTop["swisscom-esc"]).toBe(0);
  });

  it("direct weights change the ranking as an architect would expect", () => {
    const s = buildScorecard({
      weights: { kind: "direct", weights: { ebpf: 5, "lock-in": 3, "troubleshooting-access": 2 } },
      monteCarlo: { samples: 200 },
    });
    expect(s.results.find((r) => r.rank === 1)?.platform).toBe("ove");
    expect(s.weights.weights.ebpf).toBeCloseTo(0.5, 12);
  });
});
