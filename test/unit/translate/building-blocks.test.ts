/** The small pieces: label syntax, selector algebra, traffic → ports, CRD constraints. */
import { describe, expect, it } from "vitest";
import { TrafficSet } from "../../../src/policy/sets/traffic-set.ts";
import { isValidLabelValue, normaliseLabelValue, rfc1123Label } from "../../../src/translate/identity/label-normalise.ts";
import {
  conjunctionHolds,
  literal,
  notDnf,
  andDnf,
  dnfHolds,
  normaliseConjunction,
  selectorObject,
} from "../../../src/translate/selectors/label-requirement.ts";
import { expressOver, expressUnder, specTraffic } from "../../../src/translate/services/service-to-ports.ts";
import { validateObjects } from "../../../src/translate/validate/crd-constraints.ts";

describe("label syntax", () => {
  it("normalises values to ≤63 allowed characters with alphanumeric ends, keeping distinct inputs distinct", () => {
    expect(normaliseLabelValue("prod")).toBe("prod");
    expect(normaliseLabelValue("-PCI DSS/Scope-")).toBe("PCI-DSS-Scope");
    const a = normaliseLabelValue("a".repeat(70));
    const b = normaliseLabelValue(`${"a".repeat(69)}b`);
    expect(isValidLabelValue(a) && isValidLabelValue(b)).toBe(true);
    expect(a).not.toBe(b);
    expect(rfc1123Label("Slytherin_Web 01")).toBe("slytherin-web-01");
  });
});

describe("selector algebra", () => {
  it("negation is exact: NotIn holds when the label is absent", () => {
    const tierWeb = [[literal("tier", "In", ["web"])]];
    const negated = notDnf(tierWeb)!;
    expect(dnfHolds(negated, {})).toBe(true);
    expect(dnfHolds(negated, { tier: "db" })).toBe(true);
    expect(dnfHolds(negated, { tier: "web" })).toBe(false);
  });
  it("AND distributes over OR and drops contradictions", () => {
    const product = andDnf([[literal("a", "In", ["1"])], [literal("a", "In", ["2"])]], [[literal("a", "In", ["1"])]])!;
    expect(product).toEqual([[literal("a", "In", ["1"])]]);
    expect(normaliseConjunction([literal("k", "Exists"), literal("k", "DoesNotExist")])).toBeUndefined();
    expect(conjunctionHolds([literal("k", "NotIn", ["x"])], { k: "y" })).toBe(true);
    expect(selectorObject([literal("a", "In", ["1"]), literal("b", "DoesNotExist")])).toEqual({
      matchLabels: { a: "1" },
      matchExpressions: [{ key: "b", operator: "DoesNotExist" }],
    });
  });
});

describe("traffic → ports", () => {
  it("carries TCP/UDP/SCTP numbers and ranges exactly", () => {
    const t = TrafficSet.l4("TCP", [
      { from: 80, to: 80 },
      { from: 8000, to: 8100 },
    ]).union(TrafficSet.l4("UDP", [{ from: 53, to: 53 }]));
    const { spec, lost } = expressUnder(t);
    expect(lost.isEmpty()).toBe(true);
    expect(spec).toEqual({
      all: false,
      ports: [
        { protocol: "TCP", from: 80, to: 80 },
        { protocol: "TCP", from: 8000, to: 8100 },
        { protocol: "UDP", from: 53, to: 53 },
      ],
    });
  });
  it("reports ICMP, other protocols and source ports as lost", () => {
    const t = TrafficSet.icmp(4, 8)
      .union(TrafficSet.ipProtocol(47))
      .union(TrafficSet.l4("TCP", [{ from: 22, to: 22 }], [{ from: 1024, to: 65535 }]));
    const { spec, lost } = expressUnder(t);
    expect(spec).toEqual({ all: false, ports: [] });
    expect(lost.equals(t)).toBe(true);
  });
  it("uses don't-care traffic to merge ranges, and over-approximates for a Pass", () => {
    const wanted = TrafficSet.l4("TCP", [
      { from: 80, to: 80 },
      { from: 82, to: 82 },
    ]);
    const { spec } = expressUnder(wanted, TrafficSet.l4("TCP", [{ from: 81, to: 81 }]));
    expect(spec).toEqual({ all: false, ports: [{ protocol: "TCP", from: 80, to: 82 }] });
    expect(expressOver(TrafficSet.icmp(4))).toEqual({ all: true });
    const over = expressOver(TrafficSet.l4("TCP", [{ from: 53, to: 53 }], [{ from: 1024, to: 65535 }]));
    expect(specTraffic(over).equals(TrafficSet.l4("TCP", [{ from: 53, to: 53 }]))).toBe(true);
  });
});

describe("CRD constraints", () => {
  it("rejects out-of-range priorities, CIDR ingress peers, two-key peers and bad BANP names", () => {
    const errors = validateObjects(
      [
        {
          apiVersion: "policy.networking.k8s.io/v1alpha1",
          kind: "AdminNetworkPolicy",
          metadata: { name: "x" },
          spec: {
            priority: 150,
            subject: { namespaces: {} },
            ingress: [{ name: "r", action: "Allow", from: [{ networks: ["10.0.0.0/8"] }, { namespaces: {}, pods: {} }] }],
          },
        },
        {
          apiVersion: "policy.networking.k8s.io/v1alpha1",
          kind: "BaselineAdminNetworkPolicy",
          metadata: { name: "other" },
          spec: { subject: { namespaces: {} } },
        },
      ],
      { maxAdminPriority: 100 },
    );
    expect(errors.join("\n")).toMatch(/beyond OVN-Kubernetes/);
    expect(errors.join("\n")).toMatch(/exactly one of namespaces, pods \(has networks\)/);
    expect(errors.join("\n")).toMatch(/has namespaces, pods/);
    expect(errors.join("\n")).toMatch(/must be named "default"/);
  });

  it("names every NetworkPolicy that carries a bad shared rule (rules are checked once, reported per policy)", () => {
    const bad = {
      from: [{ ipBlock: { cidr: "10.0.0.0/8" }, podSelector: {} }],
      ports: [
        { protocol: "TCP", port: 70000 },
        { protocol: "TCP", port: 90, endPort: 80 },
      ],
    };
    const np = (name: string) => ({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name, namespace: "app" },
      spec: { podSelector: {}, ingress: [bad] },
    });
    const errors = validateObjects([np("first"), np("second")], { maxAdminPriority: 100 });
    for (const name of ["first", "second"]) {
      expect(errors).toContain(`NetworkPolicy/app/${name}: ipBlock cannot be combined with selectors`);
      expect(errors).toContain(`NetworkPolicy/app/${name}: endPort below port`);
      expect(errors.filter((e) => e.startsWith(`NetworkPolicy/app/${name}: `) && e.includes("70000"))).toHaveLength(1);
    }
  });
});
