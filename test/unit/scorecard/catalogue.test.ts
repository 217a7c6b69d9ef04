import { describe, expect, it } from "vitest";
import { SEED_CATALOGUE } from "../../../src/scorecard/criteria/catalogue.ts";
import { ZCatalogue, SEED_DOCUMENTS } from "../../../src/scorecard/criteria/types.ts";
import { PLATFORM_IDS } from "../../../src/scorecard/platforms.ts";

describe("seeded criteria catalogue", () => {
  it("validates and covers every required criterion for every platform", () => {
    expect(ZCatalogue.safeParse(SEED_CATALOGUE).success).toBe(true);
    const ids = SEED_CATALOGUE.criteria.map((c) => c.id);
    for (const id of [
      "microsegmentation",
      "policy-scope-tiers",
      "identity-groups",
      "l7-fqdn",
      "logging-flow-evidence",
      "policy-management",
      "distributed-routing",
      "vrf-isolation",
      "ebpf",
      "qos",
      "vpn-ipsec",
      "overlay-encryption",
      "troubleshooting-access",
      "operating-model",
      "lock-in",
      "finma-outsourcing",
      "estate-coverage",
    ])
      expect(ids).toContain(id);
    for (const c of SEED_CATALOGUE.criteria) expect(c.scores.map((s) => s.platform).sort()).toEqual([...PLATFORM_IDS].sort());
  });

  it("every static score cites a named reference document with its date and a section", () => {
    for (const c of SEED_CATALOGUE.criteria.filter((x) => x.kind === "static"))
      for (const s of c.scores) {
        expect(s.sources.length, `${c.id}/${s.platform}`).toBeGreaterThan(0);
        for (const r of s.sources) {
          expect(SEED_DOCUMENTS as readonly string[]).toContain(r.document);
          expect(r.section.trim().length).toBeGreaterThan(0);
        }
        expect(s.date).toBe("2026-11-21");
      }
  });

  it("has the 20 workshop questions, each with a purpose and a source document", () => {
    expect(SEED_CATALOGUE.workshopQuestions).toHaveLength(20);
    expect(new Set(SEED_CATALOGUE.workshopQuestions.map((q) => q.id)).size).toBe(20);
    for (const q of SEED_CATALOGUE.workshopQuestions) {
      expect(q.question.length).toBeGreaterThan(20);
      expect(q.purpose.length).toBeGreaterThan(10);
      expect(SEED_DOCUMENTS as readonly string[]).toContain(q.source.document);
    }
  });

  it("rejects malformed edits", () => {
    const bad = structuredClone(SEED_CATALOGUE);
    bad.criteria[1].scores[0].score = 7;
    expect(ZCatalogue.safeParse(bad).success).toBe(false);
    const dup = structuredClone(SEED_CATALOGUE);
    dup.criteria[2].id = dup.criteria[1].id;
    expect(ZCatalogue.safeParse(dup).success).toBe(false);
  });
});
