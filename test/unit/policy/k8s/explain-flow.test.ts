import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildClusterModel } from "../../../../src/policy/k8s/cluster-model.ts";
import { computeConnectivity } from "../../../../src/policy/k8s/connectivity.ts";
import { explainFlow, resolveParty } from "../../../../src/policy/k8s/explain-flow.ts";
import { policySelects } from "../../../../src/policy/k8s/evaluate-direction.ts";
import type { ClusterModel, Direction, PolicyRule } from "../../../../src/policy/k8s/model.ts";
import { peerMatches, type Party } from "../../../../src/policy/k8s/party.ts";
import { TrafficSet, type Flow } from "../../../../src/policy/sets/traffic-set.ts";
import { model, ns, obj, pod } from "./helpers.ts";

describe("explainFlow", () => {
  const cluster =
    ns("a", { team: "x" }) +
    ns("b", { team: "y" }) +
    pod("a", "web", { app: "web" }) +
    pod("b", "api", { app: "api" }, [{ name: "http", containerPort: 8080 }]) +
    obj({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: "guard" },
      spec: {
        priority: 5,
        subject: { namespaces: { matchLabels: { team: "y" } } },
        ingress: [
          { name: "no-ssh", action: "Deny", from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: "TCP", port: 22 } }] },
          { name: "defer", action: "Pass", from: [{ namespaces: {} }] },
        ],
      },
    }) +
    obj({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "api", namespace: "b" },
      spec: { podSelector: {}, ingress: [{ ports: [{ port: "http" }] }] },
    });
  const m = model(cluster);

  it("names the deciding rule at each enforcement point", () => {
    const ssh = explainFlow(m, "a/web[Pod]", "b/api[Pod]", { protocol: 6, dstPort: 22, srcPort: 40000 });
    expect(ssh.verdict).toBe("deny");
    expect(ssh.decisions).toMatchObject([
      { enforcementPoint: "egress:a/web[Pod]", verdict: "allow", isDefault: true },
      {
        enforcementPoint: "ingress:b/api[Pod]",
        verdict: "deny",
        policy: "AdminNetworkPolicy/guard",
        rule: "no-ssh",
        ruleIndex: 0,
        action: "Deny",
      },
    ]);
    const http = explainFlow(m, "a/web[Pod]", "b/api[Pod]", { protocol: 6, dstPort: 8080, srcPort: 40000 });
    expect(http.verdict).toBe("allow");
    expect(http.decisions[1]).toMatchObject({ policy: "NetworkPolicy/b/api", action: "Allow" });
    expect(http.decisions[1].summary).toContain("after Pass by AdminNetworkPolicy/guard rule defer");
    const other = explainFlow(m, "a/web[Pod]", "b/api[Pod]", { protocol: 17, dstPort: 53, srcPort: 40000 });
    expect(other.decisions[1]).toMatchObject({ verdict: "deny", policy: "NetworkPolicy/b/api", isDefault: true });
  });

  it("accepts external addresses", () => {
    const r = explainFlow(m, "203.0.113.9", "b/api[Pod]", { protocol: 6, dstPort: 8080, srcPort: 1 });
    expect(r.decisions.map((d) => d.enforcementPoint)).toEqual(["ingress:b/api[Pod]"]);
    expect(r.verdict).toBe("allow");
    expect(() => explainFlow(m, "nowhere", "b/api[Pod]", { protocol: 6 })).toThrow(/neither an endpoint/);
  });
});

/** Random small clusters: a few labels, pods with named ports, NPs, ANPs (distinct priorities, Pass), a BANP. */
const labelValue = fc.constantFrom("1", "2");
const selector = fc.record({ matchLabels: fc.dictionary(fc.constantFrom("k", "m"), labelValue, { maxKeys: 1 }) });
const l4 = fc.constantFrom("TCP", "UDP", "SCTP");
const npPort = fc.oneof(
  fc.record({ protocol: l4, port: fc.constantFrom(80, 81, 53) }),
  fc.record({ protocol: l4, port: fc.constant(80), endPort: fc.constant(90) }),
  fc.record({ port: fc.constantFrom("http", "dns") }),
);
const npPeer = fc.oneof(
  fc.record({ podSelector: selector }),
  fc.record({ namespaceSelector: selector }),
  fc.record({ namespaceSelector: selector, podSelector: selector }),
  fc.record({ ipBlock: fc.record({ cidr: fc.constant("10.0.0.0/8"), except: fc.constant(["10.1.0.0/16"]) }) }),
);
const npRule = fc.record({ peers: fc.array(npPeer, { maxLength: 2 }), ports: fc.array(npPort, { maxLength: 2 }) });
const networkPolicy = fc.record({
  namespace: fc.constantFrom("a", "b"),
  podSelector: selector,
  policyTypes: fc.option(fc.subarray(["Ingress", "Egress"], { minLength: 1 }), { nil: undefined }),
  ingress: fc.array(npRule, { maxLength: 2 }),
  egress: fc.array(npRule, { maxLength: 2 }),
});
const adminPort = fc.oneof(
  fc.record({ portNumber: fc.record({ protocol: l4, port: fc.constantFrom(80, 53) }) }),
  fc.record({ portRange: fc.record({ protocol: l4, start: fc.constant(50), end: fc.constant(85) }) }),
  fc.record({ namedPort: fc.constantFrom("http", "dns") }),
);
const adminPeer = fc.oneof(
  fc.record({ namespaces: selector }),
  fc.record({ pods: fc.record({ namespaceSelector: selector, podSelector: selector }) }),
);
const adminRule = (actions: string[]) =>
  fc.record({
    action: fc.constantFrom(...actions),
    peers: fc.array(adminPeer, { minLength: 1, maxLength: 2 }),
    ports: fc.array(adminPort, { maxLength: 2 }),
  });
const adminPolicy = fc.record({
  subject: adminPeer,
  ingress: fc.array(adminRule(["Allow", "Deny", "Pass"]), { maxLength: 2 }),
  egress: fc.array(adminRule(["Allow", "Deny", "Pass"]), { maxLength: 2 }),
});
const podArb = fc.record({
  namespace: fc.constantFrom("a", "b"),
  labels: fc.dictionary(fc.constantFrom("k", "m"), labelValue, { maxKeys: 2 }),
  http: fc.constantFrom(80, 81),
  dnsUdp: fc.boolean(),
});

const clusterArb = fc.record({
  nsLabels: fc.tuple(
    fc.dictionary(fc.constantFrom("k", "m"), labelValue, { maxKeys: 1 }),
    fc.dictionary(fc.constantFrom("k", "m"), labelValue, { maxKeys: 1 }),
  ),
  pods: fc.array(podArb, { minLength: 2, maxLength: 3 }),
  nps: fc.array(networkPolicy, { maxLength: 2 }),
  anps: fc.array(adminPolicy, { maxLength: 2 }),
  banp: fc.option(
    fc.record({
      subject: adminPeer,
      ingress: fc.array(adminRule(["Allow", "Deny"]), { maxLength: 2 }),
      egress: fc.array(adminRule(["Allow", "Deny"]), { maxLength: 2 }),
    }),
    { nil: undefined },
  ),
});

type RandomCluster = typeof clusterArb extends fc.Arbitrary<infer T> ? T : never;
function toYaml(c: RandomCluster): string {
  const peersOf = (peers: unknown[], key: "from" | "to") => ({ [key]: peers });
  const adminRules = (rules: { action: string; peers: unknown[]; ports: unknown[] }[], key: "from" | "to") =>
    rules.map((r) => ({ action: r.action, ...peersOf(r.peers, key), ...(r.ports.length ? { ports: r.ports } : {}) }));
  let yaml = ns("a", c.nsLabels[0]) + ns("b", c.nsLabels[1]);
  c.pods.forEach((p, i) => {
    const ports = [{ name: "http", containerPort: p.http }, ...(p.dnsUdp ? [{ name: "dns", containerPort: 53, protocol: "UDP" }] : [])];
    yaml += pod(p.namespace, `p${i}`, p.labels, ports);
  });
  c.nps.forEach((np, i) => {
    const spec = {
      podSelector: np.podSelector,
      ...(np.policyTypes ? { policyTypes: np.policyTypes } : {}),
      ingress: np.ingress.map((r) => ({ from: r.peers, ports: r.ports })),
      egress: np.egress.map((r) => ({ to: r.peers, ports: r.ports })),
    };
    yaml += obj({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: `np${i}`, namespace: np.namespace }, spec });
  });
  c.anps.forEach((anp, i) => {
    yaml += obj({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "AdminNetworkPolicy",
      metadata: { name: `anp${i}` },
      spec: { priority: i * 10, subject: anp.subject, ingress: adminRules(anp.ingress, "from"), egress: adminRules(anp.egress, "to") },
    });
  });
  if (c.banp)
    yaml += obj({
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      kind: "BaselineAdminNetworkPolicy",
      metadata: { name: "default" },
      spec: { subject: c.banp.subject, ingress: adminRules(c.banp.ingress, "from"), egress: adminRules(c.banp.egress, "to") },
    });
  return yaml;
}

const probeFlows: Flow[] = [
  { protocol: 6, dstPort: 80, srcPort: 1000 },
  { protocol: 6, dstPort: 81, srcPort: 1000 },
  { protocol: 17, dstPort: 53, srcPort: 1000 },
  { protocol: 132, dstPort: 85, srcPort: 1000 },
  { protocol: 1, icmpType: 8, icmpCode: 0 },
];

/** Independent reference: one concrete flow, plain booleans, no set algebra. */
const PROTO: Record<string, number> = { TCP: 6, UDP: 17, SCTP: 132 };
function referenceAllows(m: ClusterModel, direction: Direction, subject: Party, peer: Party, flow: Flow): boolean {
  const destination = direction === "ingress" ? subject : peer;
  const ruleMatches = (rule: PolicyRule) =>
    rule.peers.some((p) => peerMatches(p, peer)) &&
    rule.ports.some((spec) => {
      if (spec.kind === "all") return true;
      if (spec.kind === "numbers") return PROTO[spec.protocol] === flow.protocol && flow.dstPort! >= spec.from && flow.dstPort! <= spec.to;
      return (
        destination.kind === "endpoint" &&
        destination.endpoint.namedPorts.some(
          (np) =>
            np.name === spec.name &&
            (!spec.protocol || np.protocol === spec.protocol) &&
            PROTO[np.protocol] === flow.protocol &&
            np.port === flow.dstPort,
        )
      );
    });
  const selecting = m.policies.filter((p) => policySelects(p, subject, direction));
  adminStage: for (const policy of selecting.filter((p) => p.stage === "admin")) {
    for (const rule of policy[direction]) {
      if (!ruleMatches(rule)) continue;
      if (rule.action === "Pass") break adminStage;
      return rule.action === "Allow";
    }
  }
  const nps = selecting.filter((p) => p.stage === "networkPolicy");
  if (nps.length) return nps.some((p) => p[direction].some(ruleMatches));
  for (const policy of selecting.filter((p) => p.stage === "baseline")) {
    for (const rule of policy[direction]) if (ruleMatches(rule)) return rule.action === "Allow";
  }
  return true;
}

describe("explainFlow agrees with computed connectivity", () => {
  it("for random small clusters: sampled allowed/denied flows and probes, also against an independent per-flow reference", () => {
    fc.assert(
      fc.property(clusterArb, (c) => {
        const m = buildClusterModel([{ file: "random.yaml", text: toYaml(c) }]);
        const connectivity = computeConnectivity(m);
        const allowedBetween = new Map(connectivity.connections.map((e) => [`${e.src} => ${e.dst}`, e.allowed]));
        const names = [...m.endpoints.map((e) => e.id), ...connectivity.externals.map((x) => x.sample()!)];
        for (const src of names) {
          for (const dst of names) {
            if (src === dst || (!src.includes("[") && !dst.includes("["))) continue;
            const srcName = src.includes("[")
              ? src
              : connectivity.externals
                  .find((x) => x.contains(src))!
                  .toRanges()
                  .join(",") + "[External]";
            const dstName = dst.includes("[")
              ? dst
              : connectivity.externals
                  .find((x) => x.contains(dst))!
                  .toRanges()
                  .join(",") + "[External]";
            const allowed = allowedBetween.get(`${srcName} => ${dstName}`) ?? TrafficSet.empty();
            const flows = [...probeFlows, allowed.sample(), allowed.complement().sample()].filter((f): f is Flow => f !== undefined);
            for (const flow of flows) {
              const full =
                flow.protocol === 6 || flow.protocol === 17 || flow.protocol === 132 ? { srcPort: 1, dstPort: 1, ...flow } : flow;
              const verdict = explainFlow(m, src, dst, full).verdict;
              expect(verdict === "allow", `${src} => ${dst} ${JSON.stringify(full)}`).toBe(allowed.contains(full));
              const s = resolveParty(m, src);
              const d = resolveParty(m, dst);
              const reference =
                (s.kind !== "endpoint" || referenceAllows(m, "egress", s, d, full)) &&
                (d.kind !== "endpoint" || referenceAllows(m, "ingress", d, s, full));
              expect(reference, `reference ${src} => ${dst} ${JSON.stringify(full)}`).toBe(allowed.contains(full));
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
