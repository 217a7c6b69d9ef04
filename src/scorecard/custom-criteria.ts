/**
 * Architects' own criteria (issue #16): licensing cost, support model, skills, exit cost, data residency…
 * Each has a direction (higher or lower is better) and a unit: a score 0–5 given directly, or a number (e.g.
 * CHF per year) turned into 0–5 by a stated rule, so every reader can recompute the score from the values.
 *
 *   min–max (default)  higher is better: 5 × (v − min) / (max − min); lower is better: 5 × (max − v) / (max − min).
 *                      The best platform gets 5 and the worst 0, however close they are. All equal: 5 for all.
 *   ratio to best      higher is better: 5 × v / max; lower is better: 5 × min / v (values must be > 0).
 *                      Proportional: a platform costing twice the cheapest gets 2.5.
 *   score, lower is better: 5 − v.
 */
import { z } from "zod";
import { PLATFORMS, ZPlatformId, type TPlatformId } from "./platforms.ts";
import { ZCriterionGroup, ZEvidenceLevel, ZIsoDate } from "./criteria/types.ts";

export const ZCustomDirection = z.enum(["higher-is-better", "lower-is-better"]);
export type TCustomDirection = z.infer<typeof ZCustomDirection>;

export const ZNormalisation = z.enum(["min-max", "ratio-to-best"]);
export type TNormalisation = z.infer<typeof ZNormalisation>;

export const ZCustomUnit = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("score") }),
  z.object({
    kind: z.literal("number"),
    /** What the number is, e.g. "CHF/yr", "FTE", "days". */
    label: z.string().trim().min(1).max(40),
    normalisation: ZNormalisation,
  }),
]);
export type TCustomUnit = z.infer<typeof ZCustomUnit>;

export const ZCustomValue = z.object({
  platform: ZPlatformId,
  value: z.number().finite(),
  evidence: ZEvidenceLevel,
  /** Where the value comes from: a quote, an offer, a PoC measurement (named). */
  source: z.string().trim().min(1).max(1000),
  date: ZIsoDate,
  /** A workshop answer cited as this value's evidence. */
  answerId: z.uuid().optional(),
});
export type TCustomValue = z.infer<typeof ZCustomValue>;

export const CUSTOM_ID_PREFIX = "custom-";

export const ZCustomCriterion = z
  .object({
    id: z.string().regex(/^custom-[a-z0-9-]{1,80}$/),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(4000),
    group: ZCriterionGroup,
    direction: ZCustomDirection,
    unit: ZCustomUnit,
    /** One value per platform: a criterion without a value for a platform cannot be scored. */
    values: z.array(ZCustomValue),
    /** Who last changed the definition or its values (the version records it too). */
    author: z.string().optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<TPlatformId>();
    c.values.forEach((v, i) => {
      if (seen.has(v.platform)) ctx.addIssue({ code: "custom", path: ["values", i, "platform"], message: `two values for ${v.platform}` });
      seen.add(v.platform);
      if (c.unit.kind === "score" && (v.value < 0 || v.value > 5))
        ctx.addIssue({ code: "custom", path: ["values", i, "value"], message: "a score is between 0 and 5" });
      if (c.unit.kind === "number" && c.unit.normalisation === "ratio-to-best" && !(v.value > 0))
        ctx.addIssue({ code: "custom", path: ["values", i, "value"], message: "ratio to best needs values greater than 0" });
    });
    for (const p of PLATFORMS)
      if (!seen.has(p.id)) ctx.addIssue({ code: "custom", path: ["values"], message: `a value for ${p.name} is missing` });
  });
export type TCustomCriterion = z.infer<typeof ZCustomCriterion>;

/** Criterion id from its name: "Licensing cost (CHF/yr)" → "custom-licensing-cost-chf-yr", made unique. */
export function customCriterionId(name: string, taken: Iterable<string>): string {
  const stem =
    CUSTOM_ID_PREFIX +
    (name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "criterion");
  const used = new Set(taken);
  let id = stem;
  for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
  return id;
}

export interface TNormalisedCriterion {
  /** platform → score 0–5. */
  scores: Record<TPlatformId, number>;
  /** The rule in words, with the numbers it used; shown in the UI and in every export. */
  rule: string;
  /** platform → "value → score" in words. */
  workings: Record<TPlatformId, string>;
}

const plain = (x: number) => (Number.isInteger(x) ? x.toLocaleString("en-US") : x.toLocaleString("en-US", { maximumFractionDigits: 4 }));
const two = (x: number) => x.toFixed(2);

export function formatValue(c: Pick<TCustomCriterion, "unit">, value: number): string {
  return c.unit.kind === "number" ? `${plain(value)} ${c.unit.label}` : `${plain(value)} / 5`;
}

/** The criterion's values as scores 0–5, with the rule that produced them (see the file comment). */
export function normaliseCustomCriterion(c: TCustomCriterion): TNormalisedCriterion {
  const values = c.values.map((v) => v.value);
  const lower = c.direction === "lower-is-better";
  let score: (v: number) => number;
  let rule: string;
  if (c.unit.kind === "score") {
    score = lower ? (v) => 5 - v : (v) => v;
    rule = lower ? "Scores 0–5 given directly; lower is better, so score = 5 − value." : "Scores 0–5 given directly; higher is better.";
  } else {
    const min = Math.min(...values);
    const max = Math.max(...values);
    const unit = c.unit.label;
    if (c.unit.normalisation === "min-max") {
      const span = max - min;
      score = (v) => (span === 0 ? 5 : lower ? (5 * (max - v)) / span : (5 * (v - min)) / span);
      rule =
        span === 0
          ? `Min–max normalised to 0–5 (${lower ? "lower" : "higher"} is better); every platform has ${plain(min)} ${unit}, so every platform scores 5.`
          : `Min–max normalised to 0–5, ${lower ? "lower" : "higher"} is better: score = 5 × (${lower ? "max − value" : "value − min"}) / (max − min), with min = ${plain(min)} ${unit} and max = ${plain(max)} ${unit} across the four platforms.`;
    } else {
      score = (v) => (lower ? (5 * min) / v : (5 * v) / max);
      rule = lower
        ? `Ratio to the best, lower is better: score = 5 × min / value, with min = ${plain(min)} ${unit}.`
        : `Ratio to the best, higher is better: score = 5 × value / max, with max = ${plain(max)} ${unit}.`;
    }
  }
  const scores = {} as Record<TPlatformId, number>;
  const workings = {} as Record<TPlatformId, string>;
  for (const v of c.values) {
    // Rounding noise would show as 4.9999999; keep the score exact to 1e-9 and inside 0–5.
    const s = Math.min(5, Math.max(0, Math.round(score(v.value) * 1e9) / 1e9));
    scores[v.platform] = s;
    workings[v.platform] = `${formatValue(c, v.value)} → ${two(s)}`;
  }
  return { scores, rule, workings };
}

/**
 * Weight specs name criteria by id: when a custom criterion is removed, its weight (direct) or its row and
 * column (AHP matrix or judgements) go with it, so the remaining judgements still apply unchanged.
 */
export function withoutCriterion<
  T extends
    | { kind: "direct"; weights: Record<string, number> }
    | { kind: "ahp"; comparison: TComparisonLike }
    | { kind: "ahp-hierarchical"; groups: TComparisonLike; within: Record<string, TComparisonLike> },
>(spec: T, id: string): T {
  if (spec.kind === "direct") {
    const weights = Object.fromEntries(Object.entries(spec.weights).filter(([k]) => k !== id));
    return { ...spec, weights };
  }
  if (spec.kind === "ahp") return { ...spec, comparison: dropItem(spec.comparison, id) };
  const within = Object.fromEntries(Object.entries(spec.within).map(([g, c]) => [g, c.items.includes(id) ? dropItem(c, id) : c] as const));
  return { ...spec, within };
}

interface TComparisonLike {
  items: string[];
  matrix?: number[][];
  judgements?: { a: string; b: string; value: number }[];
}

function dropItem<C extends TComparisonLike>(c: C, id: string): C {
  const k = c.items.indexOf(id);
  if (k < 0) return c;
  return {
    ...c,
    items: c.items.filter((x) => x !== id),
    ...(c.matrix ? { matrix: c.matrix.filter((_, i) => i !== k).map((row) => row.filter((_, j) => j !== k)) } : {}),
    ...(c.judgements ? { judgements: c.judgements.filter((j) => j.a !== id && j.b !== id) } : {}),
  };
}
