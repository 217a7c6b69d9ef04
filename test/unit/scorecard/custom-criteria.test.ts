import { describe, expect, it } from "vitest";
import {
  customCriterionId,
  normaliseCustomCriterion,
  withoutCriterion,
  ZCustomCriterion,
  type TCustomCriterion,
} from "../../../src/scorecard/custom-criteria.ts";
import { buildScorecard, reweighScorecard } from "../../../src/scorecard/scorecard.ts";

const value = (platform: TCustomCriterion["values"][number]["platform"], v: number) => ({
  platform,
  value: v,
  evidence: "vendor-claim" as const,
  source: `offer ${platform}`,
  date: "2026-12-01",
});

const licensing = (overrides: Partial<TCustomCriterion> = {}): TCustomCriterion => ({
  id: "custom-licensing-cost-chf-yr",
  name: "Licensing cost (CHF/yr)",
  description: "Yearly licence and subscription cost for the estate.",
  group: "strategy-compliance",
  direction: "lower-is-better",
  unit: { kind: "number", label: "CHF/yr", normalisation: "min-max" },
  values: [value("vmware-nsx", 420_000), value("ove", 180_000), value("azure-local", 240_000), value("swisscom-esc", 300_000)],
  ...overrides,
});

describe("numeric normalisation of custom criteria", () => {
  it("min–max, lower is better: the cheapest gets 5, the dearest 0, linear in between", () => {
    const n = normaliseCustomCriterion(licensing());
    expect(n.scores).toEqual({ "vmware-nsx": 0, ove: 5, "azure-local": 3.75, "swisscom-esc": 2.5 });
    expect(n.rule).toBe(
      "Min–max normalised to 0–5, lower is better: score = 5 × (max − value) / (max − min), with min = 180,000 CHF/yr and max = 420,000 CHF/yr across the four platforms.",
    );
    expect(n.workings["azure-local"]).toBe("240,000 CHF/yr → 3.75");
  });

  it("min–max, higher is better mirrors it", () => {
    const n = normaliseCustomCriterion(licensing({ direction: "higher-is-better" }));
    expect(n.scores).toEqual({ "vmware-nsx": 5, ove: 0, "azure-local": 1.25, "swisscom-esc": 2.5 });
  });

  it("all values equal: every platform scores 5, and the rule says why", () => {
    const n = normaliseCustomCriterion(
      licensing({ values: (["vmware-nsx", "ove", "azure-local", "swisscom-esc"] as const).map((p) => value(p, 7)) }),
    );
    expect(Object.values(n.scores)).toEqual([5, 5, 5, 5]);
    expect(n.rule).toMatch(/every platform has 7 CHF\/yr, so every platform scores 5/);
  });

  it("ratio to the best is proportional: twice the cheapest cost scores 2.5", () => {
    const n = normaliseCustomCriterion(licensing({ unit: { kind: "number", label: "CHF/yr", normalisation: "ratio-to-best" } }));
    expect(n.scores.ove).toBe(5);
    expect(n.scores["azure-local"]).toBe(3.75);
    expect(n.scores["vmware-nsx"]).toBeCloseTo((5 * 180) / 420, 9);
    const higher = normaliseCustomCriterion(
      licensing({ direction: "higher-is-better", unit: { kind: "number", label: "FTE", normalisation: "ratio-to-best" } }),
    );
    expect(higher.scores["vmware-nsx"]).toBe(5);
    expect(higher.scores.ove).toBeCloseTo((5 * 180) / 420, 9);
  });

  it("scores given directly: lower is better means 5 − value", () => {
    const c = licensing({
      unit: { kind: "score" },
      values: [value("vmware-nsx", 4), value("ove", 1), value("azure-local", 0), value("swisscom-esc", 5)],
    });
    expect(normaliseCustomCriterion(c).scores).toEqual({ "vmware-nsx": 1, ove: 4, "azure-local": 5, "swisscom-esc": 0 });
    expect(normaliseCustomCriterion({ ...c, direction: "higher-is-better" }).scores.ove).toBe(1);
  });

  it("refuses a missing platform, a duplicate, a score outside 0–5 and non-positive ratio values", () => {
    expect(ZCustomCriterion.safeParse(licensing({ values: licensing().values.slice(0, 3) })).success).toBe(false);
    expect(ZCustomCriterion.safeParse(licensing({ values: [...licensing().values, value("ove", 1)] })).success).toBe(false);
    expect(ZCustomCriterion.safeParse(licensing({ unit: { kind: "score" } })).success).toBe(false);
    expect(
      ZCustomCriterion.safeParse(
        licensing({
          unit: { kind: "number", label: "CHF", normalisation: "ratio-to-best" },
          values: [value("vmware-nsx", 0), value("ove", 1), value("azure-local", 2), value("swisscom-esc", 3)],
        }),
      ).success,
    ).toBe(false);
  });

  it("ids come from the name and stay unique", () => {
    expect(customCriterionId("Licensing cost (CHF/yr)", [])).toBe("custom-licensing-cost-chf-yr");
    expect(customCriterionId("Licensing cost (CHF/yr)", ["custom-licensing-cost-chf-yr"])).toBe("custom-licensing-cost-chf-yr-2");
  });

  it("a custom criterion takes part in totals under direct and AHP weights, and leaves them when removed", () => {
    const s = buildScorecard({ customCriteria: [licensing()], monteCarlo: { samples: 200 } });
    const c = s.criteria.find((x) => x.id === "custom-licensing-cost-chf-yr")!;
    expect(c.kind).toBe("custom");
    expect(c.scores.find((x) => x.platform === "ove")).toMatchObject({ score: 5, origin: "custom", value: "180,000 CHF/yr" });
    expect(c.weight).toBeCloseTo(1 / 18, 12);

    const direct = reweighScorecard(s, { kind: "direct", weights: { "custom-licensing-cost-chf-yr": 1 } });
    expect(direct.results.find((r) => r.platform === "ove")!.total).toBeCloseTo(5, 9);
    expect(direct.results.find((r) => r.platform === "vmware-nsx")!.total).toBeCloseTo(0, 9);

    const ahp = reweighScorecard(s, {
      kind: "ahp",
      comparison: {
        items: ["custom-licensing-cost-chf-yr", "lock-in"],
        judgements: [{ a: "custom-licensing-cost-chf-yr", b: "lock-in", value: 3 }],
      },
    });
    expect(ahp.weights.weights["custom-licensing-cost-chf-yr"]).toBeCloseTo(0.75, 6);

    const pruned = withoutCriterion(
      {
        kind: "ahp" as const,
        comparison: {
          items: ["custom-licensing-cost-chf-yr", "lock-in", "qos"],
          matrix: [
            [1, 3, 2],
            [1 / 3, 1, 1],
            [1 / 2, 1, 1],
          ],
        },
      },
      "custom-licensing-cost-chf-yr",
    );
    expect(pruned.comparison).toEqual({
      items: ["lock-in", "qos"],
      matrix: [
        [1, 1],
        [1, 1],
      ],
    });
    expect(
      withoutCriterion({ kind: "direct" as const, weights: { "custom-licensing-cost-chf-yr": 2, qos: 1 } }, "custom-licensing-cost-chf-yr"),
    ).toEqual({
      kind: "direct",
      weights: { qos: 1 },
    });
  });
});
