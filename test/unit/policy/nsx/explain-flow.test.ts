import { describe, expect, it } from "vitest";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import { explainNsxFlow } from "../../../../src/policy/nsx/explain-flow.ts";
import { nsxConnectivity } from "../../../../src/policy/nsx/connectivity.ts";
import { estate, policy, rule, vm, vmGroup } from "./estate-builder.ts";

const e = estate({
  vms: [vm("a", ["10.0.0.1"]), vm("b", ["10.0.0.2"]), vm("b2", ["10.0.0.3"])],
  groups: [vmGroup("A", ["a"]), vmGroup("B", ["b", "b2"])],
  policies: [
    policy("env", "Environment", [rule({ name: "jump", sources: ["A"], destinations: ["B"], action: "JUMP_TO_APPLICATION" })]),
    policy("app", "Application", [
      rule({ name: "web", id: "1001", sources: ["A"], destinations: ["B"], services: ["/infra/services/HTTP"] }),
      rule({ name: "reject-rest", action: "REJECT" }),
    ]),
  ],
});

describe("explainNsxFlow", () => {
  it("names the deciding policy and rule at each vNIC", () => {
    const result = explainNsxFlow(compileNsx(e), "a", "b", { protocol: 6, dstPort: 80 });
    expect(result.verdict).toBe("allow");
    expect(result.decisions.map((d) => [d.enforcementPoint, d.policy, d.rule, d.ruleIndex, d.action])).toEqual([
      ["vnic-out:a", "app", "web", 0, "ALLOW"],
      ["vnic-in:b", "app", "web", 0, "ALLOW"],
    ]);
    expect(result.decisions[0].summary).toContain("JUMP_TO_APPLICATION");
  });

  it("reports REJECT and the default rule", () => {
    const compiled = compileNsx(e);
    expect(explainNsxFlow(compiled, "a", "b", { protocol: 6, dstPort: 22 }).verdict).toBe("reject");
    const noRules = compileNsx(estate({ vms: e.vms, defaultAction: "DROP" }));
    const result = explainNsxFlow(noRules, "10.0.0.1", "8.8.8.8", { protocol: 17, dstPort: 53 });
    expect(result.decisions).toHaveLength(1);
    expect(result.decisions[0].isDefault).toBe(true);
    expect(result.verdict).toBe("deny");
  });

  it("computes over classes and expands per VM", () => {
    const compiled = compileNsx(e);
    expect(compiled.vmClasses).toHaveLength(2); // {a}, {b, b2}
    const pairs = nsxConnectivity(compiled, { family: 4 })
      .expand()
      .filter((p) => p.src.kind === "vm" && p.dst.kind === "vm");
    expect(
      pairs
        .map((p) => `${p.src.kind === "vm" ? p.src.vm.id : ""}>${p.dst.kind === "vm" ? p.dst.vm.id : ""} ${p.traffic.toConnString()}`)
        .sort(),
    ).toEqual(["a>b TCP 80", "a>b2 TCP 80"]);
  });
});
