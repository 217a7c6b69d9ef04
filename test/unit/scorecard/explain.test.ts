import { describe, expect, it } from "vitest";
import { explainRanking } from "../../../src/scorecard/explain.ts";
import { PLATFORMS } from "../../../src/scorecard/platforms.ts";
import { weightsWithCriterionAt } from "../../../src/scorecard/rank-flip.ts";
import { buildScorecard } from "../../../src/scorecard/scorecard.ts";
import { weightedTotals, type ScoreMatrix } from "../../../src/scorecard/scoring.ts";

const names = { platforms: PLATFORMS, criteria: { cost: "Cost", skills: "Skills", support: "Support", exit: "Exit" } };
// Platforms in PLATFORMS order: NSX, OVE, Azure Local, ESC.
const matrix = (scores: number[][], eligible = [true, true, true, true]): ScoreMatrix => ({
  platforms: PLATFORMS.map((p) => p.id),
  criteria: ["cost", "skills", "support", "exit"],
  scores,
  eligible,
});

describe("explanation in words", () => {
  const m = matrix([
    [1, 5, 0, 0], // cost: OVE far better
    [5, 2, 0, 0], // skills: NSX better
    [5, 3, 0, 0], // support: NSX better
    [4, 3, 0, 0], // exit: NSX slightly better
  ]);
  const w = [0.25, 0.25, 0.25, 0.25];

  it("names the three criteria that contribute most to the lead, and the one against it", () => {
    const e = explainRanking(m, w, names);
    expect(e.leader).toBe("vmware-nsx");
    expect(e.runnerUp).toBe("ove");
    expect(e.lead).toBeCloseTo(0.5, 12); // totals 3.75 vs 3.25
    expect(e.topContributors.map((c) => c.criterion)).toEqual(["skills", "support", "exit"]);
    expect(e.topContributors.reduce((s, c) => s + c.contribution, 0) + e.strongestAgainst!.contribution).toBeCloseTo(e.lead, 12);
    expect(e.leadSentence).toBe(
      "VMware NSX (incumbent) leads OpenShift Virtualization Engine (OVE) by 0.50 points (3.75 against 3.25). The three criteria that contribute most to the lead are Skills (+0.75), Support (+0.50) and Exit (+0.25); Cost counts most against it (−1.00).",
    );
  });

  it("states the smallest weight change that swaps ranks 1 and 2, and it is exact", () => {
    const e = explainRanking(m, w, names);
    // Raising cost to t: NSX = t + (1−t)·14/3, OVE = 5t + (1−t)·8/3 → equal at t = 1/3 (lowering skills needs −15 points).
    expect(e.flip!.criterion).toBe("cost");
    expect(e.flip!.direction).toBe("increase");
    expect(e.flip!.flip.weight).toBeCloseTo(1 / 3, 12);
    const at = weightedTotals(m, weightsWithCriterionAt(w, 0, 1 / 3));
    expect(at[0]).toBeCloseTo(at[1], 12);
    const beyond = weightedTotals(m, weightsWithCriterionAt(w, 0, 1 / 3 + 1e-6));
    expect(beyond[1]).toBeGreaterThan(beyond[0]);
    // Any other criterion needs a larger change (each checked in closed form through pairFlip on its own).
    expect(e.flipSentence).toBe(
      "Raising the weight of Cost from 25.0 % to 33.3 % (+8.3 percentage points, the other weights scaled proportionally) is the smallest single change that brings OpenShift Virtualization Engine (OVE) level with VMware NSX (incumbent); beyond it OpenShift Virtualization Engine (OVE) ranks above VMware NSX (incumbent).",
    );
  });

  it("says when a third platform would lead at the crossing weight", () => {
    // Azure Local is far ahead on cost and only slightly behind elsewhere: raising cost lifts it past both.
    const m3 = matrix([
      [1, 4, 5, 0],
      [5, 2, 2, 0],
      [5, 3, 2, 0],
      [4, 3, 2.8, 0],
    ]);
    const e = explainRanking(m3, w, names);
    expect(e.runnerUp).toBe("ove");
    expect(e.flip).toMatchObject({ criterion: "cost", direction: "increase", overtakenBy: "azure-local" });
    expect(e.flip!.flip.weight).toBeCloseTo(0.4, 12);
    expect(e.flipSentence).toMatch(/, but Azure Local would lead at that weight\.$/);
  });

  it("says so when no single weight change can swap them", () => {
    const dominant = matrix([
      [5, 1, 0, 0],
      [4, 2, 0, 0],
      [5, 5, 0, 0],
      [3, 1, 0, 0],
    ]);
    const e = explainRanking(dominant, w, names);
    expect(e.flip).toBeNull();
    expect(e.flipSentence).toMatch(
      /^No change of a single weight between 0 and 100 % puts OpenShift Virtualization Engine \(OVE\) ahead of VMware NSX/,
    );
  });

  it("knocked-out platforms are neither leader nor runner-up", () => {
    const e = explainRanking(m, w, { ...names });
    const knocked = explainRanking(matrix(m.scores, [false, true, true, true]), w, names);
    expect(e.leader).toBe("vmware-nsx");
    expect(knocked.leader).toBe("ove");
    expect(knocked.runnerUp).not.toBe("vmware-nsx");
  });

  it("is part of every scorecard and follows the weights", () => {
    const s = buildScorecard({ monteCarlo: { samples: 100 } });
    expect(s.explanation.leader).toBe(s.results.find((r) => r.rank === 1)!.platform);
    expect(s.explanation.leadSentence).toMatch(/leads .* by \d+\.\d\d points/);
    expect(s.explanation.topContributors).toHaveLength(3);
  });
});
