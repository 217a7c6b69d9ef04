/**
 * Schemas of the criteria catalogue. The catalogue is data (catalogue.ts) validated by these schemas so the
 * UI can edit scores and send them back through the same validation.
 */
import { z } from "zod";
import { ZPlatformId } from "../platforms.ts";

export const SEED_DOCUMENTS = ["routing-and-security.txt", "networking-foundations.txt"] as const;

/**
 * tested: measured by the bank (PoC); documented: stated in a reference document; vendor-claim: stated by
 * the vendor only; assumption: the catalogue author's judgement where the seeds are silent — shown as such
 * so nobody mistakes it for evidence, and each one carries a workshop question to close it.
 */
export const ZEvidenceLevel = z.enum(["tested", "documented", "vendor-claim", "assumption"]);
export type TEvidenceLevel = z.infer<typeof ZEvidenceLevel>;

export const ZSourceRef = z.object({
  /** A seed document file name, or another named source (issue, vendor document) with its address. */
  document: z.string().min(1),
  /** Section, table row or question within the document. */
  section: z.string().min(1),
});
export type TSourceRef = z.infer<typeof ZSourceRef>;

/** ISO date (YYYY-MM-DD). */
export const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const ZPlatformScore = z.object({
  platform: ZPlatformId,
  score: z.number().min(0).max(5),
  rationale: z.string().min(1),
  sources: z.array(ZSourceRef).min(1),
  evidence: ZEvidenceLevel,
  date: ZIsoDate,
});
export type TPlatformScore = z.infer<typeof ZPlatformScore>;

export const ZCriterionGroup = z.enum(["security-policy", "network", "operations", "strategy-compliance"]);
export type TCriterionGroup = z.infer<typeof ZCriterionGroup>;

/** A knock-out: a platform scoring below minScore is excluded from the ranking, whatever its total. */
export const ZKnockOut = z.object({
  minScore: z.number().min(0).max(5),
  reason: z.string().min(1),
});
export type TKnockOut = z.infer<typeof ZKnockOut>;

export const ZWorkshopQuestion = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  question: z.string().min(1),
  purpose: z.string().min(1),
  source: ZSourceRef,
});
export type TWorkshopQuestion = z.infer<typeof ZWorkshopQuestion>;

export const ZCriterion = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  group: ZCriterionGroup,
  /** What a 5 means, so scorers and readers use the same scale. */
  description: z.string().min(1),
  /** "static": scored from the documents; "estate": computed from the bank's own rules (estate-coverage.ts). */
  kind: z.enum(["static", "estate"]),
  knockOut: ZKnockOut.optional(),
  /** Ids into the workshop question list. */
  workshopQuestions: z.array(z.string()),
  /** One score per platform (for "estate" criteria: the fallback shown when no estate is given). */
  scores: z.array(ZPlatformScore),
});
export type TCriterion = z.infer<typeof ZCriterion>;

export const ZCatalogue = z
  .object({
    version: z.string().min(1),
    date: ZIsoDate,
    criteria: z.array(ZCriterion).min(1),
    workshopQuestions: z.array(ZWorkshopQuestion),
  })
  .superRefine((cat, ctx) => {
    const ids = new Set<string>();
    const questionIds = new Set(cat.workshopQuestions.map((q) => q.id));
    cat.criteria.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: "custom", path: ["criteria", i, "id"], message: `duplicate criterion id ${c.id}` });
      ids.add(c.id);
      const platforms = new Set<string>();
      c.scores.forEach((s, j) => {
        if (platforms.has(s.platform))
          ctx.addIssue({ code: "custom", path: ["criteria", i, "scores", j], message: `duplicate score for ${s.platform} in ${c.id}` });
        platforms.add(s.platform);
      });
      c.workshopQuestions.forEach((q, j) => {
        if (!questionIds.has(q))
          ctx.addIssue({ code: "custom", path: ["criteria", i, "workshopQuestions", j], message: `unknown workshop question ${q}` });
      });
    });
  });
export type TCatalogue = z.infer<typeof ZCatalogue>;
