import { describe, expect, it } from "vitest";
import { BENCH_SHAPES, benchShape } from "../../../../src/policy/bench/shapes/index.ts";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import type { NsxEstate } from "../../../../src/policy/nsx/model.ts";

const SIZE = { seed: 7, rules: 640, vms: 1000 };

const ruleCount = (estate: NsxEstate) => estate.policies.reduce((n, p) => n + p.rules.length, 0);
const rulesOf = (estate: NsxEstate, category?: string) =>
  estate.policies.filter((p) => !category || p.category === category).flatMap((p) => p.rules);
const tagValues = (estate: NsxEstate, scope: string) =>
  new Set(estate.vms.flatMap((vm) => vm.tags.filter((t) => t.scope === scope).map((t) => t.tag)));

describe("bench shapes", () => {
  it.each(BENCH_SHAPES.map((s) => s.name))("%s: the asked size, deterministic for a seed, compiles", (name) => {
    const shape = benchShape(name);
    const { estate, manifests } = shape.build(SIZE);
    expect(estate.vms).toHaveLength(SIZE.vms);
    expect(ruleCount(estate)).toBeGreaterThanOrEqual(SIZE.rules * 0.95);
    expect(ruleCount(estate)).toBeLessThanOrEqual(SIZE.rules * 1.05);
    expect(new Set(estate.vms.map((vm) => vm.name)).size).toBe(SIZE.vms);
    expect(Boolean(manifests)).toBe(shape.ownCounterpart);
    expect(JSON.stringify(shape.build(SIZE).estate)).toBe(JSON.stringify(estate));
    expect(JSON.stringify(shape.build({ ...SIZE, seed: 8 }).estate)).not.toBe(JSON.stringify(estate));
    // Every rule refers to groups and services that exist.
    const groups = new Set(estate.groups.map((g) => g.path));
    const services = new Set(estate.services.map((s) => s.path));
    for (const rule of rulesOf(estate)) {
      for (const ref of [...rule.sources, ...rule.destinations, ...rule.scope])
        if (ref.startsWith("/")) expect(groups.has(ref), ref).toBe(true);
      for (const ref of rule.services) if (ref !== "ANY") expect(services.has(ref), ref).toBe(true);
    }
    expect(compileNsx(estate).problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("bank-apps: ~25-VM applications in six tiers × 3 environments, shared infrastructure, ~10 % IP sets, ~90 % Application rules", () => {
    const { estate } = benchShape("bank-apps").build({ seed: 42, rules: 3200, vms: 5000 });
    const apps = tagValues(estate, "app");
    expect(apps.size).toBeGreaterThanOrEqual(190);
    expect(apps.size).toBeLessThanOrEqual(210);
    expect(tagValues(estate, "tier")).toEqual(new Set(["web", "app", "db", "cache", "mq", "batch"]));
    expect(tagValues(estate, "env")).toEqual(new Set(["prod", "test", "dev"]));
    expect(tagValues(estate, "role")).toEqual(new Set(["dns", "ntp", "ad", "jump", "monitoring", "backup", "proxy", "syslog"]));
    const ipShare = estate.groups.filter((g) => g.expression?.kind === "ipAddresses").length / estate.groups.length;
    expect(ipShare).toBeGreaterThan(0.07);
    expect(ipShare).toBeLessThan(0.15);
    const application = rulesOf(estate, "Application");
    expect(application.length / ruleCount(estate)).toBeGreaterThan(0.85);
    expect(new Set(application.map((r) => r.action))).toEqual(new Set(["ALLOW", "DROP", "REJECT"]));
    expect(rulesOf(estate, "Environment").some((r) => r.action === "JUMP_TO_APPLICATION")).toBe(true);
    // Per-application policies, Applied-To their application.
    const appPolicies = estate.policies.filter((p) => p.category === "Application");
    expect(appPolicies.length).toBe(apps.size);
    expect(appPolicies.every((p) => p.scope.length === 1 && p.scope[0] !== "ANY")).toBe(true);
    // Custom services with port ranges.
    const ranges = estate.services
      .flatMap((s) => s.entries)
      .filter((e) => e.kind === "L4PortSet" && e.destinationPorts.some((p) => p.to > p.from));
    expect(ranges.length).toBeGreaterThan(10);
  });

  it("small-apps: many applications of a few VMs, each with its own groups and IP sets", () => {
    const { estate } = benchShape("small-apps").build(SIZE);
    const apps = [...tagValues(estate, "app")];
    expect(apps.length).toBeGreaterThan(SIZE.vms / 8);
    const ipGroups = estate.groups.filter((g) => g.expression?.kind === "ipAddresses").map((g) => g.name);
    const withOwnIpSet = apps.filter((app) => ipGroups.some((name) => name.startsWith(`${app}-`)));
    expect(withOwnIpSet.length).toBe(apps.length);
    expect(compileNsx(estate).vmClasses.length).toBeGreaterThanOrEqual(apps.length);
  });

  it("adversarial: almost every VM is its own class, many tags per VM, Name-based groups", () => {
    const { estate } = benchShape("adversarial").build(SIZE);
    expect(estate.vms.every((vm) => vm.tags.length >= 7)).toBe(true);
    const nameGroups = estate.groups.filter((g) => g.expression?.kind === "condition" && g.expression.key === "Name");
    expect(nameGroups.length).toBeGreaterThan(SIZE.vms / 2);
    expect(compileNsx(estate).vmClasses.length).toBeGreaterThanOrEqual(SIZE.vms * 0.9);
  });
});
