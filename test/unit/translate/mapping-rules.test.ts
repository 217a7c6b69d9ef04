/** One test per mapping rule: each builds a small estate, translates it, inspects the output and proves it. */
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { translateEstate, verifyTranslation, parseMappingProfile, type TranslationResult } from "../../../src/translate/index.ts";
import type { NsxEstate } from "../../../src/policy/nsx/model.ts";
import { estate, group, policy, rule, tagGroup, tcp, vm } from "./estate-builder.ts";

type Doc = {
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  spec: Record<string, unknown>;
};

function docs(result: TranslationResult, kind: string): Doc[] {
  return Object.entries(result.files)
    .filter(([p]) => p.endsWith(".yaml") && !p.endsWith("kustomization.yaml"))
    .map(([, text]) => parse(text) as Doc)
    .filter((d) => d.kind === kind);
}

function proven(e: NsxEstate, api: "v1alpha1" | "v1alpha2" = "v1alpha1", profile?: unknown): TranslationResult {
  const result = translateEstate(e, profile, { api });
  expect(result.summary.unsound).toEqual([]);
  const v = verifyTranslation(e, result.files, result.findings);
  expect(v.differences).toEqual([]);
  expect(v.equivalent).toBe(true);
  return result;
}

const web = tagGroup("web", ["tier", "web"]);
const db = tagGroup("db", ["tier", "db"]);
const threeTier = [
  vm("web-1", "10.0.0.1", { app: "shop", tier: "web" }),
  vm("web-2", "10.0.0.2", { app: "shop", tier: "web" }),
  vm("db-1", "10.0.0.3", { app: "shop", tier: "db" }),
  vm("mon-1", "10.0.1.1", { app: "ops", tier: "mon" }),
];

describe("identity", () => {
  it("tags become prefixed labels on VirtualMachine spec.template.metadata.labels, namespaces from the app scope", () => {
    const result = proven(
      estate({
        vms: threeTier,
        groups: [web, db],
        policies: [
          policy("Application", [rule({ action: "ALLOW", sources: [web.path], destinations: [db.path], serviceEntries: tcp(5432) })]),
        ],
        defaultAction: "DROP",
      }),
    );
    const vms = docs(result, "VirtualMachine");
    const web1 = vms.find((d) => d.metadata.name === "web-1")!;
    expect(web1.metadata.namespace).toBe("shop");
    expect((web1.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels).toMatchObject({
      "nsx.parity.io/app": "shop",
      "nsx.parity.io/tier": "web",
    });
    expect(web1.metadata.annotations!["parity.io/nsx-vm-id"]).toBe("id-web-1");
    const namespaces = docs(result, "Namespace")
      .map((d) => d.metadata.name)
      .sort();
    expect(namespaces).toEqual(["ops", "shop"]);
    expect(docs(result, "Namespace")[0].metadata.labels).toMatchObject({ "parity.io/managed": "true" });
  });

  it("normalises tags to label syntax and reports it; a scope a VM carries twice becomes boolean labels", () => {
    const long = "x".repeat(80);
    const e = estate({
      vms: [
        vm("a", "10.0.0.1", [
          { scope: "owner", tag: "Jane Doe/Ops" },
          { scope: "role", tag: "a" },
          { scope: "role", tag: "b" },
          { scope: "long", tag: long },
        ]),
      ],
    });
    const result = proven(e);
    const labels = (docs(result, "VirtualMachine")[0].spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels;
    expect(labels["nsx.parity.io/owner"]).toBe("Jane-Doe-Ops");
    expect(labels["nsx.parity.io/role.a"]).toBe("true");
    expect(labels["nsx.parity.io/role.b"]).toBe("true");
    expect(labels["nsx.parity.io/long"].length).toBeLessThanOrEqual(63);
    expect(result.findings.map((f) => f.code)).toContain("label-normalised");
  });

  it("detects label collisions after normalisation", () => {
    const e = estate({ vms: [vm("a", "10.0.0.1", { env: "Prod EU" }), vm("b", "10.0.0.2", { env: "Prod-EU" })] });
    const result = proven(e);
    const values = docs(result, "VirtualMachine").map(
      (d) => (d.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels["nsx.parity.io/env"],
    );
    expect(new Set(values).size).toBe(2);
    expect(result.findings.map((f) => f.code)).toContain("label-collision");
  });

  it("the namespace rule is configurable (env scope, prefix, fallback)", () => {
    const e = estate({ vms: [vm("a", "10.0.0.1", { env: "prod" }), vm("b", "10.0.0.2", {})] });
    const result = proven(e, "v1alpha1", { namespace: { scope: "env", prefix: "vm-", fallback: "legacy" } });
    expect(
      docs(result, "Namespace")
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(["legacy", "vm-prod"]);
  });
});

describe("groups → selectors", () => {
  it("NOTEQUALS becomes NotIn, AND merges into one selector, OR becomes several peers", () => {
    const notDb = tagGroup("not-db", ["tier", "db", "NOTEQUALS"]);
    const webOrDb: typeof web = group("web-or-db", { kind: "conjunction", operands: [web.expression!, db.expression!], operators: ["OR"] });
    const e = estate({
      vms: threeTier,
      groups: [web, db, notDb, webOrDb],
      policies: [
        policy("Infrastructure", [rule({ action: "ALLOW", sources: [notDb.path], destinations: [webOrDb.path], serviceEntries: tcp(22) })]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    const anp = docs(result, "AdminNetworkPolicy")[0];
    expect(JSON.stringify(anp.spec.subject)).toContain('"operator":"NotIn"');
    const egress = (anp.spec.egress as { to: unknown[] }[])[0];
    expect(egress.to.length).toBe(2);
    // Only the ingress subject (a union: web OR db) needs a label — an ANP subject is a single selector.
    for (const f of result.findings.filter((x) => x.code === "materialised-label")) expect(f.why).toContain("subject is a union");
  });

  it("Name STARTSWITH cannot be a selector: a membership label on exactly the members, reported", () => {
    const named = group("named", { kind: "condition", memberType: "VirtualMachine", key: "Name", operator: "STARTSWITH", value: "web" });
    const e = estate({
      vms: threeTier,
      groups: [named, db],
      policies: [
        policy("Application", [rule({ action: "ALLOW", sources: [named.path], destinations: [db.path], serviceEntries: tcp(5432) })]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    const labelled = docs(result, "VirtualMachine").filter(
      (d) => (d.spec.template as { metadata: { labels: Record<string, string> } }).metadata.labels["nsx.parity.io/group.named"] === "true",
    );
    expect(labelled.map((d) => d.metadata.name).sort()).toEqual(["web-1", "web-2"]);
    expect(result.findings.find((f) => f.code === "materialised-label")?.why).toContain("group.named");
  });

  it("IP sets become ipBlock in NetworkPolicies and networks in ANP egress, never ANP ingress CIDRs", () => {
    const ext = group("partners", { kind: "ipAddresses", addresses: ["203.0.113.0/24"] });
    const e = estate({
      vms: threeTier,
      groups: [web, ext],
      policies: [
        policy("Infrastructure", [
          rule({ action: "ALLOW", sources: [ext.path], destinations: [web.path], serviceEntries: tcp(443) }),
          rule({ action: "ALLOW", sources: [web.path], destinations: [ext.path], serviceEntries: tcp(443) }),
        ]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    for (const anp of docs(result, "AdminNetworkPolicy")) expect(JSON.stringify(anp.spec.ingress ?? [])).not.toContain("networks");
    expect(docs(result, "AdminNetworkPolicy").some((a) => JSON.stringify(a.spec.egress ?? []).includes("203.0.113.0/24"))).toBe(true);
    expect(docs(result, "NetworkPolicy").some((n) => JSON.stringify(n.spec.ingress ?? []).includes("203.0.113.0/24"))).toBe(true);
  });

  it("excluded sources are carried exactly", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Application", [
          rule({ action: "ALLOW", sources: [web.path], sourcesExcluded: true, destinations: [db.path], serviceEntries: tcp(5432) }),
        ]),
      ],
      defaultAction: "DROP",
    });
    proven(e);
  });
});

describe("categories, actions and order", () => {
  it("Emergency / Infrastructure / Environment land in their priority bands; DROP → Deny, JUMP → Pass; default DROP → BANP", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Emergency", [rule({ action: "DROP", sources: [web.path], destinations: [db.path] })]),
        policy("Infrastructure", [rule({ action: "ALLOW", sources: ["ANY"], destinations: [db.path], serviceEntries: tcp(22) })]),
        policy("Environment", [rule({ action: "JUMP_TO_APPLICATION", sources: [db.path], destinations: ["ANY"] })]),
        policy("Application", [rule({ action: "ALLOW", sources: [db.path], destinations: [web.path], serviceEntries: tcp(8080) })]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    const anps = docs(result, "AdminNetworkPolicy");
    const byCategory = (c: string) =>
      anps.filter((a) => a.metadata.annotations!["parity.io/nsx-category"] === c).map((a) => a.spec.priority as number);
    expect(byCategory("Emergency").every((p) => p >= 0 && p <= 9)).toBe(true);
    expect(byCategory("Infrastructure").every((p) => p >= 10 && p <= 59)).toBe(true);
    expect(byCategory("Environment").every((p) => p >= 60 && p <= 99)).toBe(true);
    expect(JSON.stringify(anps)).toContain('"action":"Deny"');
    expect(JSON.stringify(anps)).toContain('"action":"Pass"');
    expect(docs(result, "BaselineAdminNetworkPolicy")[0].metadata.name).toBe("default");
    for (const o of [...anps, ...docs(result, "NetworkPolicy")]) expect(o.metadata.annotations!["parity.io/nsx-rule-ids"]).toMatch(/\d/);
  });

  it("Application ALLOW and DROP interleaved (first match) become exact allow-only NetworkPolicies", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Application", [
          rule({ action: "DROP", sources: [web.path], destinations: [db.path], serviceEntries: tcp(5433) }),
          rule({
            action: "ALLOW",
            sources: ["ANY"],
            destinations: [db.path],
            serviceEntries: [{ kind: "L4PortSet", protocol: "TCP", destinationPorts: [{ from: 5400, to: 5500 }], sourcePorts: [] }],
          }),
        ]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    const text = JSON.stringify(docs(result, "NetworkPolicy"));
    expect(text).toContain('"endPort"');
    expect(docs(result, "AdminNetworkPolicy")).toEqual([]);
  });

  it("v1alpha2 emits ClusterNetworkPolicies with tiers, Accept and protocols", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Infrastructure", [rule({ action: "ALLOW", sources: [web.path], destinations: [db.path], serviceEntries: tcp(5432) })]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e, "v1alpha2");
    const cnps = docs(result, "ClusterNetworkPolicy");
    expect(new Set(cnps.map((c) => c.spec.tier))).toEqual(new Set(["Admin", "Baseline"]));
    expect(JSON.stringify(cnps)).toContain('"action":"Accept"');
    expect(JSON.stringify(cnps)).toContain('"protocols":[{"tcp":{"destinationPort":{"number":5432}}}]');
  });

  it("packs rules into few policies and, beyond 100 admin policies, leaves the tail to NetworkPolicies with a finding", () => {
    const vms = Array.from({ length: 30 }, (_, i) => vm(`vm-${i}`, `10.1.0.${i + 1}`, { app: "a", role: `r${i % 15}` }));
    const groups = Array.from({ length: 15 }, (_, i) => tagGroup(`r${i}`, ["role", `r${i}`]));
    // Egress halves whose overlapping subjects alternate (r0, everyone, r0, …) cannot be merged: one policy each.
    const rules = Array.from({ length: 120 }, (_, i) =>
      rule({
        action: i % 2 ? "ALLOW" : "DROP",
        direction: "OUT",
        sources: [i % 2 ? groups[0].path : "ANY"],
        destinations: [groups[i % 15].path],
        serviceEntries: tcp(1000 + i),
      }),
    );
    const result = proven(estate({ vms, groups, policies: [policy("Infrastructure", rules)], defaultAction: "DROP" }));
    expect(docs(result, "AdminNetworkPolicy").length).toBeLessThanOrEqual(100);
    expect(result.findings.map((f) => f.code)).toContain("admin-policy-limit");
  });
});

describe("services and findings", () => {
  it("ICMP allowed by NSX is a finding whose flows explain the difference", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Application", [
          rule({
            action: "ALLOW",
            sources: [web.path],
            destinations: [db.path],
            serviceEntries: [{ kind: "ICMPType", protocol: "ICMPv4", icmpType: 8 }],
          }),
        ]),
      ],
      defaultAction: "DROP",
    });
    const result = translateEstate(e);
    const icmp = result.findings.find((f) => f.code === "icmp-not-carried")!;
    expect(icmp.effect).toBe("lost");
    expect(icmp.flows.length).toBeGreaterThan(0);
    const v = verifyTranslation(e, result.files, result.findings);
    expect(v.equivalent).toBe(true);
    expect(v.explainedDifferences.length).toBeGreaterThan(0);
    // Without the findings the same difference is a counterexample.
    expect(verifyTranslation(e, result.files, []).equivalent).toBe(false);
  });

  it("REJECT becomes Deny with a finding; logged rules get the OVN ACL logging annotation", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Emergency", [rule({ action: "REJECT", sources: [web.path], destinations: [db.path], logged: true })]),
        policy("Application", [
          rule({ action: "ALLOW", sources: [web.path], destinations: [db.path], serviceEntries: tcp(80), logged: true }),
        ]),
      ],
    });
    const result = proven(e);
    expect(result.findings.map((f) => f.code)).toEqual(expect.arrayContaining(["reject-becomes-drop", "logging-granularity"]));
    expect(docs(result, "AdminNetworkPolicy")[0].metadata.annotations!["k8s.ovn.org/acl-logging"]).toContain("deny");
    expect(
      docs(result, "Namespace").find((n) => n.metadata.name === "shop")!.metadata.annotations?.["k8s.ovn.org/acl-logging"],
    ).toBeDefined();
  });

  it("IPv6 rules on an IPv4 cluster are a finding and do not disturb the IPv4 proof", () => {
    const e = estate({
      vms: [vm("a", "10.0.0.1", { app: "x" }, { ips: ["10.0.0.1", "2001:db8::1"] }), vm("b", "10.0.0.2", { app: "x" })],
      policies: [policy("Infrastructure", [rule({ action: "DROP", ipProtocol: "IPV6" })])],
    });
    const result = proven(e);
    expect(result.findings.map((f) => f.code)).toContain("ipv6-not-carried");
  });
});

describe("round trip, output and profile", () => {
  it("a removed NetworkPolicy is caught as a counterexample", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Application", [rule({ action: "ALLOW", sources: [web.path], destinations: [db.path], serviceEntries: tcp(5432) })]),
      ],
      defaultAction: "DROP",
    });
    const result = proven(e);
    const files = Object.fromEntries(Object.entries(result.files).filter(([p]) => !p.startsWith("network-policies/")));
    const v = verifyTranslation(e, files, result.findings);
    expect(v.equivalent).toBe(false);
    expect(v.differences.length).toBeGreaterThan(0);
  });

  it("output is a kustomize tree with stable RFC 1123 names and byte-identical for the same input", () => {
    const e = estate({
      vms: threeTier,
      groups: [web, db],
      policies: [
        policy("Application", [rule({ action: "ALLOW", sources: [web.path], destinations: [db.path], serviceEntries: tcp(5432) })]),
      ],
      defaultAction: "DROP",
    });
    const a = translateEstate(e);
    expect(translateEstate(e).files).toEqual(a.files);
    const kustomization = parse(a.files["kustomization.yaml"]) as { resources: string[] };
    for (const r of kustomization.resources) expect(a.files[r]).toBeDefined();
    expect(a.files["vm-labels/kustomization.yaml"]).toContain("server-side");
    for (const o of a.objects) expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
  });

  it("the mapping profile is validated by zod and defaults follow the DFW category model", () => {
    const p = parseMappingProfile({});
    expect(p.bands.Emergency).toEqual({ from: 0, to: 9 });
    expect(p.limits.maxAdminPolicies).toBe(100);
    expect(() =>
      parseMappingProfile({
        bands: { Emergency: { from: 9, to: 0 }, Infrastructure: { from: 10, to: 59 }, Environment: { from: 60, to: 99 } },
      }),
    ).toThrow();
    expect(() => parseMappingProfile({ labelPrefix: "Not Valid/" })).toThrow();
  });
});
