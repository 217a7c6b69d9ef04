import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importEstate } from "../../../src/ingest/import-estate.ts";
import { NSX_CATEGORIES } from "../../../src/policy/nsx/model.ts";
import { dir } from "./helpers.ts";
import { VMWARE_EXAMPLES_DIR } from "../../support/oracles.ts";

describe("Helvetia Private Bank demo estate (imports/demo)", () => {
  const result = importEstate(dir("demo"));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { estate, report } = result;
  const rules = estate.policies.flatMap((p) => p.rules);

  it("imports with zero errors and the expected counts", () => {
    expect(report.errors).toEqual([]);
    expect(report.counts).toEqual({ policies: 13, rules: 319, groups: 77, services: 43, vms: 154, tags: 46, segments: 10 });
    expect(estate.defaultAction).toBe("DROP");
    expect(report.files.map((f) => f.format).sort()).toEqual([
      "nsx-fabric-vifs",
      "nsx-fabric-vms",
      "nsx-t-hierarchical",
      "vsphere-category-list",
      "vsphere-tag-associations",
      "vsphere-tag-list",
      "vsphere-vm-list",
    ]);
  });

  it("covers every category and rule feature", () => {
    expect(new Set(estate.policies.map((p) => p.category))).toEqual(new Set(NSX_CATEGORIES));
    expect(new Set(rules.map((r) => r.action))).toEqual(new Set(["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"]));
    expect(rules.some((r) => r.ipProtocol === "IPV6")).toBe(true);
    expect(rules.some((r) => r.sourcesExcluded) && rules.some((r) => r.destinationsExcluded)).toBe(true);
    expect(rules.some((r) => r.disabled) && rules.some((r) => r.logged)).toBe(true);
    expect(rules.some((r) => !(r.scope.length === 1 && r.scope[0] === "ANY"))).toBe(true);
    expect(estate.policies.some((p) => p.scope[0] !== "ANY")).toBe(true);
    expect(estate.services.some((s) => s.entries.some((e) => e.kind === "ICMPType" && e.protocol === "ICMPv6"))).toBe(true);
  });

  it("keeps every group expression kind", () => {
    const kinds = new Set<string>();
    const walk = (e: unknown) => {
      if (!e || typeof e !== "object") return;
      const x = e as { kind: string; operands?: unknown[]; expression?: unknown };
      kinds.add(x.kind);
      x.operands?.forEach(walk);
      if (x.kind === "nested") walk(x.expression);
    };
    estate.groups.forEach((g) => walk(g.expression));
    expect(kinds).toEqual(
      new Set(["condition", "conjunction", "nested", "ipAddresses", "macAddresses", "paths", "externalIds", "identityGroups"]),
    );
    const operators = new Set<string>();
    const ops = (e: unknown) => {
      const x = e as { kind: string; operator?: string; operands?: unknown[]; expression?: unknown };
      if (x?.kind === "condition") operators.add(x.operator!);
      x?.operands?.forEach(ops);
      if (x?.kind === "nested") ops(x.expression);
    };
    estate.groups.forEach((g) => ops(g.expression));
    expect(operators).toEqual(new Set(["EQUALS", "NOTEQUALS", "CONTAINS", "STARTSWITH", "ENDSWITH", "IN", "NOTIN", "MATCHES"]));
  });

  it("joins vCenter tags (category → scope) and VIF addresses onto every VM", () => {
    expect(estate.vms.every((v) => v.tags.some((t) => t.scope === "app") && v.ips.length > 0 && v.moref)).toBe(true);
    expect(estate.vms.filter((v) => v.ips.some((ip) => ip.includes(":"))).length).toBeGreaterThan(10);
    expect(estate.vms.filter((v) => v.tags.some((t) => t.scope === "pci")).length).toBe(16);
  });

  it("reports what it cannot model or resolve", () => {
    expect(report.unresolved).toEqual([expect.objectContaining({ kind: "tagTarget", ref: "vm-9001" })]);
    const codes = new Set(report.warnings.map((w) => w.code));
    for (const code of ["identityGroup", "ethernet", "l7Profile", "alg", "builtInService"]) expect(codes).toContain(code);
  });
});

describe("vmware-analyzer oracle examples", () => {
  const examples = VMWARE_EXAMPLES_DIR;
  const names = readdirSync(examples).filter((f) => f.endsWith(".json"));
  it("finds the examples", () => expect(names.length).toBeGreaterThan(0));
  it.each(names)("%s imports with zero errors", (name) => {
    const r = importEstate([{ name, bytes: new Uint8Array(readFileSync(`${examples}/${name}`)) }]);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});
