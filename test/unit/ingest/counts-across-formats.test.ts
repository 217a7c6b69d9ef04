import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import type { ImportFile } from "../../../src/ingest/types.ts";
import { file, json } from "./helpers.ts";

/**
 * One estate, one count: the same DFW exported hierarchically or as flat `{results}` pages (policies with
 * their rules embedded, or policies without rules plus a separate rule list) imports with the same policies,
 * rules and default action. Counts are NSX Manager's: every section, the Ethernet one and the default
 * layer-3 section included.
 */
interface Flat {
  policies: Record<string, unknown>[];
  rules: Record<string, unknown>[];
  groups: unknown[];
  services: unknown[];
  segments: unknown[];
}

function flatten(infra: unknown): Flat {
  const out: Flat = { policies: [], rules: [], groups: [], services: [], segments: [] };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== "object" || node === null) return;
    const o = node as Record<string, unknown>;
    switch (o.resource_type) {
      case "ChildSecurityPolicy": {
        const { children, ...policy } = o.SecurityPolicy as Record<string, unknown>;
        out.policies.push(policy);
        for (const child of (children as Record<string, unknown>[] | undefined) ?? [])
          if (child.resource_type === "ChildRule") out.rules.push({ ...(child.Rule as object), parent_path: policy.path });
        return;
      }
      case "ChildGroup":
        return void out.groups.push(o.Group);
      case "ChildService":
        return void out.services.push(o.Service);
      case "ChildSegment":
        return void out.segments.push(o.Segment);
    }
    Object.values(o).forEach(walk);
  };
  walk(infra);
  return out;
}

const page = (results: unknown[]) => ({ results, result_count: results.length });

function asFlatFiles(flat: Flat, rulesEmbedded: "all" | "none" | "half"): ImportFile[] {
  const embed = (i: number) => rulesEmbedded === "all" || (rulesEmbedded === "half" && i % 2 === 0);
  const policies = flat.policies.map((p, i) => (embed(i) ? { ...p, rules: flat.rules.filter((r) => r.parent_path === p.path) } : p));
  const detached = flat.rules.filter((r) => !embed(flat.policies.findIndex((p) => p.path === r.parent_path)));
  return [
    json("security-policies.json", page(policies)),
    ...(detached.length > 0 ? [json("rules.json", page(detached))] : []),
    json("groups.json", page(flat.groups)),
    json("services.json", page(flat.services)),
    json("segments.json", page(flat.segments)),
  ];
}

function summary(files: ImportFile[]) {
  const r = importEstate(files);
  if (!r.ok) throw new Error(JSON.stringify(r.errors.slice(0, 3)));
  return {
    counts: r.report.counts,
    defaultAction: r.estate.defaultAction,
    policies: r.estate.policies.map((p) => `${p.category}:${p.name}:${p.rules.length}`),
    ethernetWarnings: r.report.warnings.filter((w) => w.code === "ethernet").length,
  };
}

describe("one estate, one count across export formats", () => {
  for (const [name, source] of [
    ["demo estate", "demo/nsx-t-infra.json"],
    ["sample slice", "samples/nsx-t-hierarchical/infra.json"],
  ] as const) {
    const hierarchicalFile = file(source);
    const flat = flatten(JSON.parse(new TextDecoder().decode(hierarchicalFile.bytes)));
    const hierarchical = summary([hierarchicalFile]);

    it.each(["all", "none", "half"] as const)(
      `${name}: flat lists with rules embedded in %s of the policies equal the hierarchical export`,
      (embedded) => {
        expect(summary(asFlatFiles(flat, embedded))).toEqual(hierarchical);
      },
    );

    it(`${name}: counts are every section and rule NSX Manager lists`, () => {
      expect(hierarchical.counts.policies).toBe(flat.policies.length);
      expect(hierarchical.counts.rules).toBe(flat.rules.length);
    });
  }

  it("the Ethernet policy is counted, kept out of the L3 evaluation's verdicts only by its finding", () => {
    const demo = summary([file("demo/nsx-t-infra.json")]);
    expect(demo.policies.filter((p) => p.startsWith("Ethernet:"))).toHaveLength(1);
    expect(demo.ethernetWarnings).toBe(1);
    expect(demo.defaultAction).toBe("DROP");
    expect(demo.counts).toMatchObject({ policies: 13, rules: 319 });
  });
});
