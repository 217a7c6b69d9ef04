/** Acceptance: the Helvetia Private Bank demo estate (imports/demo) translates and verifies. */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { translateEstate, verifyTranslation } from "../../../src/translate/index.ts";

const dir = "imports/demo";

describe("demo estate", () => {
  it("is equivalent except the listed findings, with every difference explained", () => {
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
    const imported = importEstate(files);
    if (!imported.ok) throw new Error(JSON.stringify(imported.errors.slice(0, 3)));
    const compiled = compileNsx(imported.estate);
    const result = translateEstate(imported.estate, undefined, { compiled });
    expect(result.summary.unsound).toEqual([]);
    expect(result.summary.baseline).toBe(true);
    expect(result.summary.adminNetworkPolicies).toBeGreaterThan(0);
    expect(result.summary.adminNetworkPolicies).toBeLessThanOrEqual(100);
    const verification = verifyTranslation(imported.estate, result.files, result.findings, { compiled });
    // The translator's own objects (no YAML parse) verify exactly like the written files.
    const direct = verifyTranslation(imported.estate, { placed: result.placed }, result.findings, { compiled });
    expect({ ...direct, stats: { ...direct.stats, elapsedMs: 0 } }).toEqual({
      ...verification,
      stats: { ...verification.stats, elapsedMs: 0 },
    });
    // Reusing the translator's NSX rows (result.shared) changes nothing either.
    const reused = verifyTranslation(imported.estate, { placed: result.placed }, result.findings, { compiled, shared: result.shared });
    expect({ ...reused, stats: { ...reused.stats, elapsedMs: 0 } }).toEqual({
      ...verification,
      stats: { ...verification.stats, elapsedMs: 0 },
    });
    expect(verification.differences).toEqual([]);
    expect(verification.equivalent).toBe(true);
    // The explained differences are exactly what the ICMP / protocol / source-port findings name.
    expect(verification.explainedDifferences.length).toBeGreaterThan(0);
    const codes = new Set(result.findings.map((f) => f.code));
    for (const code of [
      "icmp-not-carried",
      "ipv6-not-carried",
      "l7-profile",
      "alg-data-channel",
      "ethernet-category",
      "identity-group",
      "reject-becomes-drop",
      "logging-granularity",
    ])
      expect(codes).toContain(code);
  }, 120_000);

  it("writes each distinct NetworkPolicy rule once: equal rules are one shared object wherever they read the same", () => {
    const files = readdirSync(dir)
      .sort()
      .map((name) => ({ name, bytes: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
    const imported = importEstate(files);
    if (!imported.ok) throw new Error("demo import failed");
    const result = translateEstate(imported.estate);
    const byContent = new Map<string, Set<unknown>>();
    for (const o of result.objects) {
      if (o.kind !== "NetworkPolicy") continue;
      for (const direction of ["ingress", "egress"] as const) {
        for (const rule of ((o.spec as Record<string, unknown[]>)[direction] ?? []) as Record<string, unknown>[]) {
          const peers = (rule.from ?? rule.to ?? []) as Record<string, unknown>[];
          // A bare podSelector means the policy's own Namespace: the same text, a different rule per Namespace.
          const place = peers.some((p) => p.podSelector && !p.namespaceSelector) ? o.metadata.namespace : "*";
          const key = `${direction}|${place}|${JSON.stringify(rule)}`;
          byContent.set(key, (byContent.get(key) ?? new Set()).add(rule));
        }
      }
    }
    expect(byContent.size).toBeGreaterThan(0);
    for (const [key, objects] of byContent) expect(objects.size, key).toBe(1);
  }, 120_000);
});
