import { describe, expect, it } from "vitest";
import { compileNsx } from "../../../src/policy/nsx/compile.ts";
import { translateEstate } from "../../../src/translate/translate-estate.ts";
import { estate, group, policy, rule, vm } from "../policy/nsx/estate-builder.ts";
import { traffic } from "../policy/nsx/helpers.ts";

/**
 * A VM's address families are separate worlds: a dual-stack VM whose IPv4 address is in a rule's CIDR and
 * whose IPv6 address is not is matched in IPv4 and not in IPv6. That is exact, not a broken estate.
 */
const cidrGroup = (path: string, addresses: string[]) => group(path, { kind: "ipAddresses", addresses });

function dualStackEstate(extraVms = [] as ReturnType<typeof vm>[]) {
  return estate({
    vms: [vm("web", ["10.0.0.10", "2001:db8::10"]), vm("db", ["10.0.1.20", "2001:db8:1::20"]), ...extraVms],
    groups: [
      cidrGroup("/infra/domains/default/groups/web-v4", ["10.0.0.0/24"]),
      cidrGroup("/infra/domains/default/groups/db-v4", ["10.0.1.0/24"]),
    ],
    policies: [
      policy("app", "Application", [
        rule({
          id: "1001",
          sources: ["/infra/domains/default/groups/web-v4"],
          destinations: ["/infra/domains/default/groups/db-v4"],
          services: ["/infra/services/MySQL"],
        }),
      ]),
    ],
    defaultAction: "DROP",
  });
}

describe("dual-stack VMs against single-family CIDR rules", () => {
  it("are matched per address family: IPv4 allowed by the rule, IPv6 left to the default", () => {
    const e = dualStackEstate();
    expect(traffic(e, "web", "db", 4).toString()).toContain("3306");
    expect(traffic(e, "web", "db", 6).isEmpty()).toBe(true);
  });

  it("raise no estate problem and no 'broken reference' finding", () => {
    const e = dualStackEstate();
    expect(compileNsx(e).problems.filter((p) => p.code === "partial-address-match" || p.severity === "error")).toEqual([]);
    const codes = translateEstate(e).findings.map((f) => f.code);
    expect(codes).not.toContain("estate-problem");
    expect(codes).not.toContain("partial-address-match");
  });

  it("a VM with two IPv4 addresses, one inside the CIDR, is described as a partial match (medium), not as breakage", () => {
    const e = dualStackEstate([vm("web2", ["10.0.0.11", "10.9.9.11"])]);
    const problems = compileNsx(e).problems.filter((p) => p.code === "partial-address-match");
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === "outside-model")).toBe(true);
    const findings = translateEstate(e).findings;
    expect(findings.map((f) => f.code)).not.toContain("estate-problem");
    const partial = findings.find((f) => f.code === "partial-address-match")!;
    expect(partial.severity).toBe("medium");
    expect(partial.ruleIds).toEqual(["1001"]);
    expect(partial.why).toContain("web2");
  });
});
