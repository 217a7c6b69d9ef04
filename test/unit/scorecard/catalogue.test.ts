import { describe, expect, it } from "vitest";
import { SEED_CATALOGUE } from "../../../src/scorecard/criteria/catalogue.ts";
import { ZCatalogue, SEED_DOCUMENTS } from "../../../src/scorecard/criteria/types.ts";
import { PLATFORM_IDS } from "../../../src/scorecard/platforms.ts";
import fs from "node:fs";
import path from "node:path";

const SEEDS = path.resolve(import.meta.dirname, "../../../../shared/seeds");

describe("seeded criteria catalogue", () => {
  it("validates and covers every required criterion for every platform", () => {
    expect(ZCatalogue.safeParse(SEED_CATALOGUE).success).toBe(true);
    const ids = SEED_CATALOGUE.criteria.map((c) => c.id);
    for (const id of ["microsegmentation", "policy-scope-tiers", "identity-groups", "l7-fqdn", "logging-flow-evidence", "policy-management", "distributed-routing", "vrf-isolation", "ebpf", "qos", "vpn-ipsec", "overlay-encryption", "troubleshooting-access", "operating-model", "lock-in", "finma-outsourcing", "estate-coverage"])
      expect(ids).toContain(id);
    for (const c of SEED_CATALOGUE.criteria) expect(c.scores.map((s) => s.platform).sort()).toEqual([...PLATFORM_IDS].sort());
  });

  it("every static score cites a seed document; every documented section title exists in it", () => {
    for (const c of SEED_CATALOGUE.criteria.filter((x) => x.kind === "static"))
      for (const s of c.scores) {
        expect(s.sources.every((r) => (SEED_DOCUMENTS as readonly string[]).includes(r.document))).toBe(true);
        expect(s.date).toBe("2026-11-21");
      }
    const text = Object.fromEntries(SEED_DOCUMENTS.map((d) => [d, fs.readFileSync(path.join(SEEDS, d), "utf8")]));
    for (const c of SEED_CATALOGUE.criteria)
      for (const s of c.scores)
        for (const r of s.sources) {
          const quoted = /row "([^"]+)"|: "([^"]+)"/.exec(r.section);
          const needle = quoted?.[1] ?? quoted?.[2];
          if (needle && text[r.document]) expect(text[r.document], `${c.id}/${s.platform}: ${needle}`).toContain(needle);
        }
  });

  it("workshop questions are verbatim from the seeds' discussion guides", () => {
    const text = Object.fromEntries(SEED_DOCUMENTS.map((d) => [d, fs.readFileSync(path.join(SEEDS, d), "utf8")]));
    expect(SEED_CATALOGUE.workshopQuestions).toHaveLength(20);
    for (const q of SEED_CATALOGUE.workshopQuestions) {
      expect(text[q.source.document]).toContain(q.question);
      expect(text[q.source.document]).toContain(q.purpose);
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
