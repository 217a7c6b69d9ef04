import { describe, expect, it } from "vitest";
import type { NsxEstate, NsxRule } from "../../../src/policy/nsx/model.ts";
import { flattenForAzureNsg } from "../../../src/scorecard/azure-nsg-flattening.ts";
import { estateCoverage } from "../../../src/scorecard/estate-coverage.ts";
import { AddressSet } from "../../../src/scorecard/address-set.ts";
import { buildScorecard } from "../../../src/scorecard/scorecard.ts";
import { ruleDefaults } from "../policy/nsx/estate-builder.ts";

const rule = (id: string, over: Partial<NsxRule>): NsxRule => ({
  id,
  name: id,
  sequenceNumber: Number(id.slice(1)),
  ...ruleDefaults(),
  direction: "IN",
  ...over,
});

function estate(extraRules: NsxRule[] = []): NsxEstate {
  return {
    name: "constructed",
    vms: [
      { id: "web1", name: "web1", ips: ["10.0.1.1"], tags: [] },
      { id: "web2", name: "web2", ips: ["10.0.1.2"], tags: [] },
      { id: "web3", name: "web3", ips: ["10.0.1.3"], tags: [] },
    ],
    segments: [],
    groups: [
      { path: "/g/web", name: "web", expression: { kind: "vmIds", ids: ["web1", "web2", "web3"] } },
      {
        path: "/g/app",
        name: "app",
        expression: { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "tier|app" },
      },
      { path: "/g/db", name: "db", expression: { kind: "ipAddresses", addresses: ["10.0.3.5", "fd00::5"] } },
      {
        path: "/g/tagged",
        name: "tagged",
        expression: { kind: "condition", memberType: "VirtualMachine", key: "Tag", operator: "EQUALS", value: "x|y" },
      },
    ],
    services: [
      {
        path: "/s/web",
        name: "web",
        entries: [
          {
            kind: "L4PortSet",
            protocol: "TCP",
            destinationPorts: [
              { from: 80, to: 80 },
              { from: 443, to: 443 },
            ],
            sourcePorts: [],
          },
        ],
      },
      {
        path: "/s/sql",
        name: "sql",
        entries: [{ kind: "L4PortSet", protocol: "TCP", destinationPorts: [{ from: 5432, to: 5432 }], sourcePorts: [] }],
      },
    ],
    policies: [
      {
        id: "p1",
        name: "app",
        category: "Application",
        sequenceNumber: 1,
        scope: ["ANY"],
        stateful: true,
        rules: [
          rule("r1", { sources: ["/g/web"], destinations: ["/g/app"], services: ["/s/web"] }),
          rule("r2", { direction: "OUT", sources: ["/g/app"], destinations: ["/g/db"], services: ["/s/sql"] }),
          rule("r3", {
            direction: "IN_OUT",
            destinations: ["/g/db"],
            services: [],
            serviceEntries: [{ kind: "ICMPType", protocol: "ICMPv4", icmpType: 8 }],
          }),
          rule("r4", { disabled: true, sources: ["/g/web"], destinations: ["/g/db"] }),
          rule("r5", { sources: ["/g/web"], sourcesExcluded: true, destinations: ["/g/app"] }),
          ...extraRules,
        ],
      },
    ],
    defaultAction: "DROP",
  };
}

// /g/app is a tag condition: its members come from the membership input (two adjacent IPs → one /31).
const membership = { "/g/app": { ips: ["10.0.2.10", "10.0.2.11"] } };

describe("address sets", () => {
  it("minimal exact CIDR cover", () => {
    expect(AddressSet.parse(["10.0.1.1", "10.0.1.2", "10.0.1.3"]).prefixes()).toEqual(["10.0.1.1/32", "10.0.1.2/31"]);
    expect(AddressSet.parse(["10.0.0.0-10.0.0.9"]).prefixes()).toEqual(["10.0.0.0/29", "10.0.0.8/31"]);
    expect(AddressSet.parse(["10.0.2.10", "10.0.2.11"]).prefixCount()).toEqual({ v4: 1, v6: 0 });
    expect(AddressSet.parse(["0.0.0.0/0"]).complement().isEmpty()).toBe(false); // IPv6 remains
  });
});

describe("Azure NSG flattening (exact counts)", () => {
  const f = flattenForAzureNsg(estate(), { membership });
  const byId = (id: string) => f.rules.find((r) => r.ruleId === id)!;

  it("counts |src prefixes| × |dst prefixes| × |service atoms| per rule", () => {
    // r1: web = {10.0.1.1/32, 10.0.1.2/31} (2) × app = {10.0.2.10/31} (1) × TCP 80, TCP 443 (2) = 4, inbound.
    expect(byId("r1")).toMatchObject({
      source: { any: false, v4: 2, v6: 0 },
      destination: { any: false, v4: 1, v6: 0 },
      serviceAtoms: 2,
      nsgRules: 4,
    });
    // r2: app (1 v4) × db (1 v4 + 1 v6): prefixes pair within a family only → 1 × 1 + 0 × 1 = 1, outbound.
    expect(byId("r2").nsgRules).toBe(1);
    // r3: * × db (2 prefixes) × ICMP (1) = 2, in both directions.
    expect(byId("r3").nsgRules).toBe(2);
    // r5: NOT web = complement of 10.0.1.1–10.0.1.3: [0, 10.0.1.0] needs popcount(0x0A000101) = 4 prefixes,
    // [10.0.1.4, 255.255.255.255] needs popcount(2^32 − 0x0A000104 = 0xF5FFFEFC) = 27; plus ::/0 = 1 IPv6.
    // Paired with app (1 v4): 31 × 1 + 1 × 0 = 31.
    expect(byId("r5").source).toEqual({ any: false, v4: 31, v6: 1 });
    expect(byId("r5").nsgRules).toBe(31);
    expect(f.rules.map((r) => r.ruleId)).not.toContain("r4"); // disabled
  });

  it("sums per direction plus one catch-all each, and checks capacity", () => {
    expect(f.inbound).toBe(4 + 2 + 31 + 1);
    expect(f.outbound).toBe(1 + 2 + 1);
    expect(f.exact).toBe(true);
    expect(f.capacityPerDirection).toBe(1000); // min(4096 − 100 + 1, 1000)
    expect(f.fits).toBe(true);
    const tight = flattenForAzureNsg(estate(), { membership, limits: { maxRulesPerNsg: 30 } });
    expect(tight.fits).toBe(false);
    const priorities = flattenForAzureNsg(estate(), { membership, limits: { priorityMin: 100, priorityMax: 120, maxRulesPerNsg: 1000 } });
    expect(priorities.capacityPerDirection).toBe(21);
    expect(priorities.fits).toBe(false);
  });

  it("reports unknown membership as a lower bound", () => {
    const g = flattenForAzureNsg(estate([rule("r6", { sources: ["/g/tagged"], destinations: ["/g/app"] })]), { membership });
    expect(g.exact).toBe(false);
    expect(g.unresolvedGroups).toEqual(["/g/tagged"]);
    const noMembership = flattenForAzureNsg(estate());
    expect(noMembership.unresolvedGroups).toEqual(["/g/app"]);
  });

  it("IPv4-only rules drop IPv6 prefixes", () => {
    const g = flattenForAzureNsg(estate([rule("r7", { ipProtocol: "IPV4", destinations: ["/g/db"] })]), { membership });
    expect(g.rules.find((r) => r.ruleId === "r7")!.nsgRules).toBe(1);
  });
});

describe("estate coverage", () => {
  it("OVE estimate from rule features, Azure NSG losses, ESC and NSX full", () => {
    const c = estateCoverage(estate(), undefined, { membership });
    const p = (id: string) => c.platforms.find((x) => x.platform === id)!;
    expect(c.enabledRules).toBe(4);
    expect(c.disabledRules).toBe(1);
    expect(p("vmware-nsx").share).toBe(1);
    expect(p("swisscom-esc").share).toBe(1);
    expect(p("swisscom-esc").notes.join(" ")).toMatch(/customer's control is limited/);
    expect(p("ove").basis).toBe("rule-feature-estimate");
    expect(p("ove").basisLabel).toMatch(/ESTIMATE/);
    expect(p("ove").lossyRules.map((r) => r.ruleId)).toEqual(["r3", "r5"]); // ICMP, negated peers
    expect(p("ove").share).toBe(0.5);
    expect(p("azure-local").lossyRules.map((r) => r.ruleId)).toEqual(["r3"]); // ICMP type 8
    expect(p("azure-local").score).toBeCloseTo(5 * 0.75, 12);
    expect(p("azure-local").knockOut).toBeUndefined();
  });

  it("uses translation findings for OVE when given", () => {
    const c = estateCoverage(estate(), [
      { ruleId: "r1", severity: "error", kind: "lossy-l7" },
      { ruleId: "r2", severity: "warning", kind: "widened" },
      { ruleId: "r2", severity: "info", kind: "note" },
    ]);
    const ove = c.platforms.find((x) => x.platform === "ove")!;
    expect(ove.basis).toBe("translation-findings");
    expect(ove.expressible).toBe(3);
    expect(c.findingsBySeverity).toEqual({ error: 1, warning: 1, info: 1 });
  });

  it("Azure over capacity is a knock-out in the scorecard", () => {
    const s = buildScorecard({ estate: estate(), membership, azureLimits: { maxRulesPerNsg: 30 }, monteCarlo: { samples: 100 } });
    expect(s.knockOuts).toContainEqual(expect.objectContaining({ platform: "azure-local", criterionId: "estate-coverage" }));
    expect(s.results.find((r) => r.platform === "azure-local")!.excluded).toBe(true);
    const cov = s.criteria.find((c) => c.id === "estate-coverage")!;
    expect(cov.scores.find((x) => x.platform === "ove")).toMatchObject({ origin: "estate", evidence: "assumption", score: 2.5 });
  });
});
