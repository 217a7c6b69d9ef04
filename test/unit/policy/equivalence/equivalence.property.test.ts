/**
 * Property tests of the equivalence check against both sides' own per-flow explainers, on random small
 * synthetic estates whose Kubernetes counterpart (and sometimes NSX side) is randomly mutated:
 *  - every reported difference's example evaluates differently on the two sides;
 *  - for sampled concrete flows, the two sides disagree exactly when the flow lies in a reported difference
 *    (so a flow the engine calls equivalent evaluates the same on both sides).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clusterModelOf } from "../../../../src/policy/bench/cluster-model-of.ts";
import { syntheticEstate, type K8sObject } from "../../../../src/policy/bench/synthetic-estate.ts";
import { checkEquivalence } from "../../../../src/policy/equivalence/check-equivalence.ts";
import type { ClassMembers, Difference } from "../../../../src/policy/equivalence/difference.ts";
import { explainFlow } from "../../../../src/policy/k8s/explain-flow.ts";
import { compileNsx } from "../../../../src/policy/nsx/compile.ts";
import { explainNsxFlow } from "../../../../src/policy/nsx/explain-flow.ts";
import type { NsxEstate } from "../../../../src/policy/nsx/model.ts";
import { IpSet } from "../../../../src/policy/sets/ip-set.ts";
import type { Flow } from "../../../../src/policy/sets/traffic-set.ts";

type Mutation = { target: number; kind: number; value: number };

const PORTS = [22, 53, 54, 443, 5432, 5433, 8080, 8081, 8443, 9100, 9101, 1];

function mutateManifests(objects: K8sObject[], mutations: readonly Mutation[]): K8sObject[] {
  const result = structuredClone(objects);
  for (const { target, kind, value } of mutations) {
    const policies = result.filter((o) => o.kind === "NetworkPolicy" || o.kind === "AdminNetworkPolicy");
    const vms = result.filter((o) => o.kind === "VirtualMachine");
    if (kind === 0 && policies.length > 0) result.splice(result.indexOf(policies[target % policies.length]), 1);
    else if (kind === 1 && vms.length > 0) {
      const labels = (vms[target % vms.length].spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata
        .labels;
      labels.tier = ["web", "app", "db"][value % 3];
    } else if (policies.length > 0) {
      // Rewrite the first port or flip the first action of a policy.
      const text = JSON.stringify(policies[target % policies.length]);
      const changed =
        kind === 2
          ? text.replace(/"port":\d+/, `"port":${PORTS[value % PORTS.length]}`)
          : text.replace(/"action":"(Allow|Deny|Pass)"/, `"action":"${["Allow", "Deny", "Pass"][value % 3]}"`);
      result[result.indexOf(policies[target % policies.length])] = JSON.parse(changed) as K8sObject;
    }
  }
  return result;
}

function mutateEstate(estate: NsxEstate, mutations: readonly Mutation[]): NsxEstate {
  const result = structuredClone(estate);
  const rules = result.policies.flatMap((p) => p.rules);
  for (const { target, kind } of mutations) {
    const rule = rules[target % rules.length];
    // REJECT for DROP is no reachability change; the other two are.
    if (kind === 0) rule.action = rule.action === "DROP" ? "REJECT" : rule.action;
    else if (kind === 1) rule.disabled = !rule.disabled;
    else rule.direction = rule.direction === "IN_OUT" ? "IN" : "OUT";
  }
  return result;
}

const allowed = (verdict: string) => verdict === "allow";

function inMembers(members: ClassMembers, endpoint: string): boolean {
  return members.kind === "vms"
    ? members.names.includes(endpoint)
    : !/^vm-/.test(endpoint) && IpSet.fromList(members.addresses).contains(endpoint);
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  rules: fc.integer({ min: 6, max: 40 }),
  vms: fc.integer({ min: 3, max: 18 }),
  k8sMutations: fc.array(fc.record({ target: fc.nat(1000), kind: fc.nat(3), value: fc.nat(100) }), { maxLength: 3 }),
  nsxMutations: fc.array(fc.record({ target: fc.nat(1000), kind: fc.nat(2), value: fc.nat(100) }), { maxLength: 2 }),
  samples: fc.array(
    fc.record({
      src: fc.nat(1000),
      dst: fc.nat(1000),
      port: fc.nat(PORTS.length - 1),
      proto: fc.nat(3),
      srcPort: fc.integer({ min: 1024, max: 65535 }),
    }),
    { minLength: 10, maxLength: 25 },
  ),
});

describe("equivalence properties", () => {
  it("examples of differences differ; sampled flows differ exactly inside reported differences", () => {
    let differencesSeen = 0;
    let disagreementsSampled = 0;
    // fc.check + a plain Error: this vitest's reporter cannot print fast-check's own failure on Node 20.
    const outcome = fc.check(
      fc.property(scenario, ({ seed, rules, vms, k8sMutations, nsxMutations, samples }) => {
        const generated = syntheticEstate({ seed, rules, vms });
        const estate = mutateEstate(generated.estate, nsxMutations);
        const compiled = compileNsx(estate);
        const model = clusterModelOf(mutateManifests(generated.manifests, k8sMutations));
        const result = checkEquivalence(compiled, model, { maxDifferences: 100_000 });
        expect(result.truncated).toBe(false);
        if (k8sMutations.length === 0 && nsxMutations.every((m) => m.kind === 0)) expect(result.equivalent).toBe(true);

        differencesSeen += result.differences.length;
        for (const d of result.differences) {
          expect(allowed(d.nsx.verdict)).not.toBe(allowed(d.k8s.verdict));
          const inNsxOnly = d.traffic.nsxOnly.contains(d.example.flow);
          expect(allowed(d.nsx.verdict)).toBe(inNsxOnly);
        }

        const names = estate.vms.map((vm) => vm.name);
        const k8sIdOf = new Map(model.endpoints.map((e) => [e.name, e.id]));
        const endpoints = [...names, "172.16.0.9", "172.16.1.200", "8.8.8.8", "192.168.1.1"];
        const probes: { src: string; dst: string; flow: Flow }[] = result.differences
          .filter((d) => d.family === 4)
          .map((d) => ({ src: d.example.src, dst: d.example.dst, flow: d.example.flow }));
        for (const sample of samples) {
          const src = endpoints[sample.src % endpoints.length];
          const dst = endpoints[sample.dst % endpoints.length];
          if (src === dst || (!names.includes(src) && !names.includes(dst))) continue;
          const flow: Flow =
            sample.proto === 0
              ? { protocol: 17, dstPort: PORTS[sample.port], srcPort: sample.srcPort }
              : sample.proto === 1
                ? { protocol: 1, icmpType: 8, icmpCode: 0 }
                : { protocol: 6, dstPort: PORTS[sample.port], srcPort: sample.srcPort };
          probes.push({ src, dst, flow });
        }
        for (const { src, dst, flow } of probes) {
          const nsx = explainNsxFlow(compiled, src, dst, flow, { family: 4 });
          const k8s = explainFlow(model, k8sIdOf.get(src) ?? src, k8sIdOf.get(dst) ?? dst, flow);
          const covering: Difference[] = result.differences.filter((d) => d.family === 4 && inMembers(d.src, src) && inMembers(d.dst, dst));
          const reported = covering.some((d) => d.traffic.nsxOnly.contains(flow) || d.traffic.k8sOnly.contains(flow));
          if (reported) disagreementsSampled++;
          expect(
            allowed(nsx.verdict) !== allowed(k8s.verdict),
            `${src} → ${dst} ${JSON.stringify(flow)}: nsx ${nsx.verdict}, k8s ${k8s.verdict}`,
          ).toBe(reported);
        }
      }),
      { numRuns: 40 },
    );
    if (outcome.failed) console.error(`counterexample ${JSON.stringify(outcome.counterexample)}: ${String(outcome.errorInstance)}`);
    if (outcome.failed) throw new Error(`counterexample ${JSON.stringify(outcome.counterexample)}: ${String(outcome.errorInstance)}`);
    // The mutations must actually produce differences, or the properties above prove little.
    expect(differencesSeen).toBeGreaterThan(0);
    expect(disagreementsSampled).toBeGreaterThan(0);
  });
});
