import { describe, expect, it } from "vitest";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";
import { DENY_ALL, estate, policy, rule, vm, vmGroup } from "./estate-builder.ts";
import { ALL_V4, tcp, traffic } from "./helpers.ts";

const vms = [vm("a", ["10.0.0.1"]), vm("b", ["10.0.0.2"]), vm("c", ["10.0.0.3"])];
const groups = [vmGroup("A", ["a"]), vmGroup("B", ["b"]), vmGroup("C", ["c"])];
const HTTP = ["/infra/services/HTTP"];

describe("NSX rule evaluation", () => {
  it("evaluates categories in order Emergency before Application regardless of file order", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [
        policy("app", "Application", [rule({ sources: ["A"], destinations: ["B"], action: "ALLOW" })]),
        policy("emergency", "Emergency", [rule({ sources: ["A"], destinations: ["B"], action: "DROP" })]),
      ],
    });
    expect(traffic(e, "a", "b").isEmpty()).toBe(true);
  });

  it("orders policies and rules by sequence number, not file order", () => {
    const e = estate({
      vms,
      groups,
      policies: [
        policy("late", "Application", [rule({ sources: ["A"], destinations: ["B"], action: "ALLOW" })], { sequenceNumber: 20 }),
        policy(
          "early",
          "Application",
          [
            rule({ sources: ["A"], destinations: ["B"], action: "ALLOW", services: HTTP, sequenceNumber: 2 }),
            rule({ sources: ["A"], destinations: ["B"], action: "DROP", sequenceNumber: 1 }),
          ],
          { sequenceNumber: 10 },
        ),
      ],
    });
    expect(traffic(e, "a", "b").isEmpty()).toBe(true);
  });

  it("keeps file order as the tiebreak for equal sequence numbers", () => {
    const e = estate({
      vms,
      groups,
      policies: [
        policy("p", "Application", [
          rule({ sources: ["A"], destinations: ["B"], services: HTTP }),
          rule({ sources: ["A"], destinations: ["B"], action: "DROP" }),
        ]),
      ],
    });
    expect(traffic(e, "a", "b").equals(tcp(80))).toBe(true);
  });

  it("JUMP_TO_APPLICATION skips the remaining Environment rules and lands in Application", () => {
    const e = estate({
      vms,
      groups,
      policies: [
        policy("env", "Environment", [
          rule({ sources: ["A"], destinations: ["B"], action: "JUMP_TO_APPLICATION" }),
          rule({ action: "DROP" }),
        ]),
        policy("app", "Application", [rule({ sources: ["A"], destinations: ["B"], services: HTTP })]),
        DENY_ALL(),
      ],
    });
    expect(traffic(e, "a", "b").equals(tcp(80))).toBe(true);
    expect(traffic(e, "a", "c").isEmpty()).toBe(true);
  });

  it("a jump only for part of the traffic leaves the rest to later Environment rules", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [
        policy("env", "Environment", [
          rule({ sources: ["A"], destinations: ["B"], action: "JUMP_TO_APPLICATION", services: HTTP }),
          rule({ action: "DROP" }),
        ]),
      ],
    });
    expect(traffic(e, "a", "b").equals(tcp(80))).toBe(true);
  });

  it("a policy's Applied-To overrides its rules' Applied-To", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [policy("p", "Application", [rule({ action: "DROP", scope: ["C"] })], { scope: ["B"] })],
    });
    // enforced at b's vNIC (policy scope), not at c's
    expect(traffic(e, "a", "b").isEmpty()).toBe(true);
    expect(traffic(e, "a", "c").equals(ALL_V4)).toBe(true);
  });

  it("rule Applied-To limits where the rule is enforced", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [policy("p", "Application", [rule({ action: "DROP", scope: ["C"] })])],
    });
    expect(traffic(e, "a", "b").equals(ALL_V4)).toBe(true);
    expect(traffic(e, "a", "c").isEmpty()).toBe(true);
  });

  it("direction IN applies at the destination vNIC only, OUT at the source only", () => {
    const inOnly = estate({
      vms,
      groups,
      defaultAction: "DROP",
      policies: [policy("p", "Application", [rule({ destinations: ["B"], direction: "IN" })])],
    });
    // a's OUT is not allowed by an IN rule → the default drops
    expect(traffic(inOnly, "a", "b").isEmpty()).toBe(true);
    expect(traffic(inOnly, "8.8.8.8", "b").equals(ALL_V4)).toBe(true);
    const outOnly = estate({
      vms,
      groups,
      defaultAction: "DROP",
      policies: [policy("p", "Application", [rule({ sources: ["A"], direction: "OUT" })])],
    });
    expect(traffic(outOnly, "a", "8.8.8.8").equals(ALL_V4)).toBe(true);
    expect(traffic(outOnly, "a", "b").isEmpty()).toBe(true);
    const both = estate({
      vms,
      groups,
      policies: [policy("p", "Application", [rule({ sources: ["A"], destinations: ["B"], direction: "IN_OUT" })])],
    });
    expect(traffic(both, "a", "b").equals(ALL_V4)).toBe(true);
  });

  it("a VM to VM flow needs both the source OUT and the destination IN", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [policy("p", "Application", [rule({ sources: ["A"], destinations: ["B"], action: "DROP", services: HTTP, scope: ["B"] })])],
    });
    expect(traffic(e, "a", "b").equals(ALL_V4.subtract(tcp(80)))).toBe(true);
  });

  it("excluded sources and destinations negate the group", () => {
    const e = estate({
      vms,
      groups,
      policies: [
        policy("p", "Application", [rule({ sources: ["A"], sourcesExcluded: true, destinations: ["A"], destinationsExcluded: true })]),
      ],
    });
    expect(traffic(e, "b", "c").equals(ALL_V4)).toBe(true);
    expect(traffic(e, "a", "b").isEmpty()).toBe(true);
    expect(traffic(e, "b", "a").isEmpty()).toBe(true);
  });

  it("skips disabled rules", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [policy("p", "Application", [rule({ action: "DROP", disabled: true })])],
    });
    expect(traffic(e, "a", "b").equals(ALL_V4)).toBe(true);
  });

  it("the default rule decides what no rule matched", () => {
    expect(traffic(estate({ vms, defaultAction: "ALLOW" }), "a", "b").equals(ALL_V4)).toBe(true);
    expect(traffic(estate({ vms, defaultAction: "DROP" }), "a", "b").isEmpty()).toBe(true);
  });

  it("REJECT denies like DROP", () => {
    const e = estate({
      vms,
      groups,
      defaultAction: "ALLOW",
      policies: [policy("p", "Application", [rule({ action: "REJECT", services: HTTP })])],
    });
    expect(traffic(e, "a", "b").equals(ALL_V4.subtract(tcp(80)))).toBe(true);
  });

  it("IPv6-only rules never match IPv4 traffic", () => {
    const dual = [vm("a", ["10.0.0.1", "2001:db8::1"]), vm("b", ["10.0.0.2", "2001:db8::2"])];
    const e = estate({ vms: dual, policies: [policy("p", "Application", [rule({ ipProtocol: "IPV6" })])] });
    expect(traffic(e, "a", "b", 4).isEmpty()).toBe(true);
    expect(traffic(e, "a", "b", 6).equals(TrafficSet.all().subtract(TrafficSet.icmp(4)))).toBe(true);
  });

  it("Ethernet-category rules are reported, never silently applied or ignored", async () => {
    const { compileNsx } = await import("../../../../src/policy/nsx/compile.ts");
    const compiled = compileNsx(estate({ vms, policies: [policy("l2", "Ethernet", [rule({ action: "DROP" })])] }));
    expect(compiled.problems.some((p) => p.code === "ethernet-category")).toBe(true);
  });

  it("rules on address literals match VMs by their addresses and externals by block", () => {
    const e = estate({
      vms,
      policies: [policy("p", "Application", [rule({ sources: ["10.0.0.0/31"], destinations: ["192.0.2.0/24"], services: HTTP })])],
    });
    expect(traffic(e, "a", "192.0.2.7").equals(tcp(80))).toBe(true);
    expect(traffic(e, "b", "192.0.2.7").isEmpty()).toBe(true);
  });
});
