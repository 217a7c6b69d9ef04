import { describe, expect, it } from "vitest";
import { checkEquivalence } from "../../../../src/policy/equivalence/check-equivalence.ts";
import { TrafficSet } from "../../../../src/policy/sets/traffic-set.ts";
import { estate, group, policy, rule, vm } from "../nsx/estate-builder.ts";
import { isolateNamespace, k8sModel, networkPolicy, virtualMachine } from "./helpers.ts";

const tagGroup = (name: string, tag: string) =>
  group(`/groups/${name}`, { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: `tier|${tag}` });

const nsxEstate = (
  extraRules: ReturnType<typeof rule>[] = [],
  vms = [
    vm("web-1", ["10.0.0.1"], [["tier", "web"]]),
    vm("web-2", ["10.0.0.2"], [["tier", "web"]]),
    vm("db-1", ["10.0.1.1"], [["tier", "db"]]),
  ],
) =>
  estate({
    vms,
    groups: [tagGroup("web", "web"), tagGroup("db", "db")],
    policies: [
      policy("app", "Application", [
        rule({ id: "web-db", sources: ["/groups/web"], destinations: ["/groups/db"], services: ["/infra/services/PostgreSQL"] }),
        ...extraRules,
      ]),
    ],
    defaultAction: "DROP",
  });

const vms = [
  virtualMachine("shop", "web-1", { tier: "web" }),
  virtualMachine("shop", "web-2", { tier: "web" }),
  virtualMachine("shop", "db-1", { tier: "db" }),
];

const webToDb = (ports: object[]) => [
  isolateNamespace("shop"),
  networkPolicy("shop", "web-egress", {
    podSelector: { matchLabels: { tier: "web" } },
    policyTypes: ["Egress"],
    egress: [{ to: [{ podSelector: { matchLabels: { tier: "db" } } }], ports }],
  }),
  networkPolicy("shop", "db-ingress", {
    podSelector: { matchLabels: { tier: "db" } },
    policyTypes: ["Ingress"],
    ingress: [{ from: [{ podSelector: { matchLabels: { tier: "web" } } }], ports }],
  }),
];

describe("checkEquivalence", () => {
  it("proves a faithful translation equivalent, over classes", () => {
    const result = checkEquivalence(nsxEstate(), k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5432 }])]));
    expect(result.differences).toEqual([]);
    expect(result.equivalent).toBe(true);
    expect(result.stats.commonVmClasses).toBe(2);
    expect(result.stats.matchedVms).toBe(3);
  });

  it("reports a missing port as an NSX-only class of flows with both deciding rules", () => {
    const result = checkEquivalence(nsxEstate(), k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5433 }])]));
    expect(result.equivalent).toBe(false);
    const d = result.differences.find((x) => x.traffic.nsxOnly.contains({ protocol: 6, dstPort: 5432, srcPort: 40000 }))!;
    expect(d.src).toMatchObject({ kind: "vms", names: ["web-1", "web-2"] });
    expect(d.dst).toMatchObject({ kind: "vms", names: ["db-1"] });
    expect(d.traffic.k8sOnly.contains({ protocol: 6, dstPort: 5433, srcPort: 40000 })).toBe(true);
    expect(d.example.flow).toMatchObject({ protocol: 6, dstPort: 5432 });
    expect(d.nsx.verdict).toBe("allow");
    expect(d.k8s.verdict).toBe("deny");
    expect(d.nsx.decisions.map((x) => x.ruleId)).toEqual(["web-db", "web-db"]);
    expect(d.k8s.decisions.some((x) => x.verdict === "deny" && x.isDefault)).toBe(true);
  });

  it("classifies differences covered by a finding's excluded flows", () => {
    const icmp = rule({ id: "icmp", sources: ["/groups/web"], destinations: ["/groups/db"], services: ["/infra/services/ICMP-ALL"] });
    const result = checkEquivalence(nsxEstate([icmp]), k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5432 }])]), {
      exclusions: [{ traffic: TrafficSet.icmp(4), findingId: "F-ICMP" }],
    });
    expect(result.equivalent).toBe(false);
    expect(result.equivalentExceptFindings).toBe(true);
    expect(result.differences.every((d) => d.status === "explained-by-finding" && d.findingIds.includes("F-ICMP"))).toBe(true);
  });

  it("splits a class when an exclusion names only some of its members", () => {
    const icmp = rule({ id: "icmp", sources: ["/groups/web"], destinations: ["/groups/db"], services: ["/infra/services/ICMP-ALL"] });
    const result = checkEquivalence(nsxEstate([icmp]), k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5432 }])]), {
      exclusions: [{ src: ["web-1"], traffic: TrafficSet.icmp(4), findingId: "F-ICMP" }],
    });
    expect(result.equivalentExceptFindings).toBe(false);
    const statuses = result.differences.map((d) => [d.src.kind === "vms" ? d.src.names.join(",") : "", d.status]);
    expect(statuses).toContainEqual(["web-1", "explained-by-finding"]);
    expect(statuses).toContainEqual(["web-2", "unexplained"]);
  });

  it("uses an explicit correspondence and reports VMs without a counterpart", () => {
    const renamed = [
      virtualMachine("shop", "w1", { tier: "web" }),
      virtualMachine("shop", "w2", { tier: "web" }),
      virtualMachine("shop", "d1", { tier: "db" }),
    ];
    const model = k8sModel([...renamed, ...webToDb([{ protocol: "TCP", port: 5432 }])]);
    const mapped = checkEquivalence(nsxEstate(), model, {
      correspondence: { "web-1": "shop/w1", "web-2": "shop/w2[VirtualMachine]", "db-1": "d1" },
    });
    expect(mapped.equivalent).toBe(true);
    const unmapped = checkEquivalence(nsxEstate(), model);
    expect(unmapped.equivalent).toBe(false);
    expect(unmapped.unmatchedVms.map((u) => u.name).sort()).toEqual(["db-1", "web-1", "web-2"]);
    expect(unmapped.unmatchedK8s).toHaveLength(3);
  });

  it("compares each address family separately, as NSX evaluates them", () => {
    const dual = [
      vm("web-1", ["10.0.0.1", "fd00::1"], [["tier", "web"]]),
      vm("web-2", ["10.0.0.2", "fd00::2"], [["tier", "web"]]),
      vm("db-1", ["10.0.1.1", "fd00::11"], [["tier", "db"]]),
    ];
    const estateV4Only = nsxEstate([], dual);
    estateV4Only.policies[0].rules[0].ipProtocol = "IPV4";
    const result = checkEquivalence(estateV4Only, k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5432 }])]));
    expect(result.equivalent).toBe(false);
    expect(result.differences.map((d) => d.family)).toEqual([6]);
    const d = result.differences[0];
    expect(d.traffic.k8sOnly.contains({ protocol: 6, dstPort: 5432, srcPort: 1234 })).toBe(true);
    expect(d.nsx.verdict).toBe("deny");
    expect(d.k8s.verdict).toBe("allow");
  });

  it("applies a family-scoped exclusion to that family only", () => {
    const dual = [
      vm("web-1", ["10.0.0.1", "fd00::1"], [["tier", "web"]]),
      vm("web-2", ["10.0.0.2", "fd00::2"], [["tier", "web"]]),
      vm("db-1", ["10.0.1.1", "fd00::11"], [["tier", "db"]]),
    ];
    const estateV4Only = nsxEstate([], dual);
    estateV4Only.policies[0].rules[0].ipProtocol = "IPV4";
    const model = k8sModel([...vms, ...webToDb([{ protocol: "TCP", port: 5432 }])]);
    const everyIpv6Flow = { traffic: TrafficSet.all(), family: 6 as const, findingId: "ipv6-not-carried" };
    const explained = checkEquivalence(estateV4Only, model, { exclusions: [everyIpv6Flow] });
    expect(explained.differences.map((d) => [d.family, d.status, d.findingIds])).toEqual([
      [6, "explained-by-finding", ["ipv6-not-carried"]],
    ]);
    expect(explained.equivalentExceptFindings).toBe(true);
    // The same exclusion scoped to IPv4 explains nothing here: the difference is an IPv6 one.
    const wrongFamily = checkEquivalence(estateV4Only, model, { exclusions: [{ ...everyIpv6Flow, family: 4 }] });
    expect(wrongFamily.differences.map((d) => d.status)).toEqual(["unexplained"]);
  });

  it("never counts ICMPv6 between IPv4-only VMs as a difference", () => {
    const anyRule = rule({ id: "web-db-any", sources: ["/groups/web"], destinations: ["/groups/db"] });
    const e = nsxEstate([]);
    e.policies[0].rules = [anyRule];
    const model = k8sModel([
      ...vms,
      isolateNamespace("shop"),
      networkPolicy("shop", "web-egress", {
        podSelector: { matchLabels: { tier: "web" } },
        policyTypes: ["Egress"],
        egress: [{ to: [{ podSelector: { matchLabels: { tier: "db" } } }] }],
      }),
      networkPolicy("shop", "db-ingress", {
        podSelector: { matchLabels: { tier: "db" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: "web" } } }] }],
      }),
    ]);
    expect(checkEquivalence(e, model).differences).toEqual([]);
  });

  it("refines external addresses on both sides' boundaries and treats REJECT as deny", () => {
    const e = estate({
      vms: [vm("web-1", ["10.0.0.1"], [["tier", "web"]])],
      groups: [tagGroup("web", "web")],
      policies: [
        policy("app", "Application", [
          rule({ id: "reject-bad", action: "REJECT", sources: ["/groups/web"], destinations: ["8.8.8.8"] }),
          rule({ id: "web-out", sources: ["/groups/web"], destinations: ["8.8.8.0/24"] }),
        ]),
      ],
      defaultAction: "DROP",
    });
    const model = k8sModel([
      virtualMachine("shop", "web-1", { tier: "web" }),
      isolateNamespace("shop"),
      networkPolicy("shop", "web-egress", {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ to: [{ ipBlock: { cidr: "8.8.0.0/16", except: ["8.8.8.8/32"] } }] }],
      }),
    ]);
    const result = checkEquivalence(e, model);
    expect(result.differences).toHaveLength(1);
    const d = result.differences[0];
    expect(d.dst.kind).toBe("external");
    expect(d.dst).toMatchObject({ addresses: ["8.8.0.0-8.8.7.255", "8.8.9.0-8.8.255.255"] });
    expect(d.traffic.nsxOnly.isEmpty()).toBe(true);
    expect(d.k8s.verdict).toBe("allow");
    expect(d.nsx.verdict).toBe("deny");
  });
});
