/**
 * Deployed-state check: is what the cluster runs (a `kubectl get adminnetworkpolicies,
 * baselineadminnetworkpolicies,clusternetworkpolicies,networkpolicies,namespaces,virtualmachines -A -o yaml`
 * List) semantically the same policy as a sealed snapshot's manifests? Both are read by the one engine
 * (src/policy/k8s) and compared exactly: for every ordered pair of workloads present on both sides and for
 * every workload ↔ external address block (blocks refined over both sides' CIDRs, so no block straddles a
 * boundary of either side), the traffic egress ∩ ingress allows must be the same set. Textual differences
 * (field order, defaults, status, managedFields, extra namespaces without workloads) do not matter; a
 * changed selector, port, priority or action does. Work is per class of endpoints that behave alike on
 * both sides, so the cost grows with classes², not workloads².
 */
import {
  buildClusterModel,
  endpointParties,
  evaluateDirection,
  externalBlocks,
  partyName,
  readManifestObjects,
  type ClusterModel,
  type IgnoredObject,
  type ManifestFile,
  type NormalisedPolicy,
  type Party,
  type TrafficSet,
} from "../policy/index.ts";
import type { TDeployedComparison, TDeployedDifference } from "./deployed-state-model.ts";

const MAX_LISTED = 500;

type EndpointParty = Party & { kind: "endpoint" };

function behaviourKey(party: EndpointParty): string {
  const sorted = (o: Readonly<Record<string, string>>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
  const ports = [...party.endpoint.namedPorts].map((p) => `${p.name}/${p.protocol}/${p.port}`).sort();
  return JSON.stringify([party.namespace.name, sorted(party.namespace.labels), sorted(party.endpoint.labels), ports]);
}

function allowed(policies: readonly NormalisedPolicy[], src: Party, dst: Party): TrafficSet {
  // External blocks have no policies of their own: only the endpoint side's direction applies.
  if (src.kind === "external") return evaluateDirection(policies, "ingress", dst, src).allowed;
  if (dst.kind === "external") return evaluateDirection(policies, "egress", src, dst).allowed;
  const egress = evaluateDirection(policies, "egress", src, dst).allowed;
  return egress.isEmpty() ? egress : egress.intersect(evaluateDirection(policies, "ingress", dst, src).allowed);
}

/** Manifest files of a sealed snapshot as the engine reads them (kustomization files carry no objects). */
export function sealedManifestFiles(manifests: Record<string, string>): ManifestFile[] {
  return Object.entries(manifests)
    .filter(([name]) => /\.ya?ml$/i.test(name) && !/(^|\/)kustomization\.ya?ml$/i.test(name))
    .map(([file, text]) => ({ file, text }));
}

/** Objects per kind in a dump (a kubectl List or multi-document YAML). */
export function objectCounts(files: readonly ManifestFile[]): Record<string, number> {
  const ignored: IgnoredObject[] = [];
  const counts: Record<string, number> = {};
  for (const o of readManifestObjects(files, ignored)) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function modelOf(files: readonly ManifestFile[], side: string, problems: string[]): ClusterModel {
  const model = buildClusterModel(files);
  problems.push(...model.errors.map((e) => `${side}: ${e}`));
  return model;
}

export function compareDeployedState(snapshotFiles: readonly ManifestFile[], clusterFiles: readonly ManifestFile[]): TDeployedComparison {
  const problems: string[] = [];
  const a = modelOf(snapshotFiles, "snapshot manifests", problems);
  const b = modelOf(clusterFiles, "cluster", problems);
  const aParties = new Map(endpointParties(a).map((p) => [p.endpoint.id, p]));
  const bParties = new Map(endpointParties(b).map((p) => [p.endpoint.id, p]));
  const common = [...aParties.keys()].filter((id) => bParties.has(id)).sort();
  const onlyInSnapshot = [...aParties.keys()].filter((id) => !bParties.has(id)).sort();
  const onlyInCluster = [...bParties.keys()].filter((id) => !aParties.has(id)).sort();

  // Classes: endpoints whose namespace, labels and named ports agree on BOTH sides behave identically.
  const classOf = new Map<string, number>();
  const classes: { a: EndpointParty; b: EndpointParty; members: string[] }[] = [];
  for (const id of common) {
    const key = behaviourKey(aParties.get(id)!) + behaviourKey(bParties.get(id)!);
    let c = classOf.get(key);
    if (c === undefined) {
      c = classes.length;
      classOf.set(key, c);
      classes.push({ a: aParties.get(id)!, b: bParties.get(id)!, members: [] });
    }
    classes[c].members.push(id);
  }
  const blocks = externalBlocks([...a.policies, ...b.policies]).map((addresses): Party => ({ kind: "external", addresses }));

  let differenceCount = 0;
  const differences: TDeployedDifference[] = [];
  const record = (src: string, dst: string, inA: TrafficSet, inB: TrafficSet) => {
    differenceCount++;
    if (differences.length < MAX_LISTED)
      differences.push({ src, dst, onlyInSnapshot: inA.subtract(inB).toString(), onlyInCluster: inB.subtract(inA).toString() });
  };
  let classPairs = 0;
  for (const x of classes) {
    for (const y of classes) {
      classPairs++;
      const inA = allowed(a.policies, x.a, y.a);
      const inB = allowed(b.policies, x.b, y.b);
      if (inA.equals(inB)) continue;
      for (const s of x.members) for (const d of y.members) if (s !== d) record(s, d, inA, inB);
    }
    for (const block of blocks) {
      const name = partyName(block);
      const outA = allowed(a.policies, x.a, block);
      const outB = allowed(b.policies, x.b, block);
      if (!outA.equals(outB)) for (const s of x.members) record(s, name, outA, outB);
      const inA = allowed(a.policies, block, x.a);
      const inB = allowed(b.policies, block, x.b);
      if (!inA.equals(inB)) for (const d of x.members) record(name, d, inA, inB);
    }
  }
  return {
    equivalent: differenceCount === 0 && onlyInSnapshot.length === 0 && onlyInCluster.length === 0 && problems.length === 0,
    differenceCount,
    differences,
    onlyInSnapshot,
    onlyInCluster,
    stats: {
      endpoints: common.length,
      classPairs,
      externalBlocks: blocks.length,
      snapshotPolicies: a.policies.length,
      clusterPolicies: b.policies.length,
    },
    problems,
  };
}

/** One sentence for the CLI, the UI and the sealed equivalence part. */
export function describeComparison(c: TDeployedComparison): string {
  if (c.equivalent)
    return `the cluster enforces exactly the sealed policy (${c.stats.endpoints} workloads, ${c.stats.externalBlocks} external address blocks compared)`;
  const parts = [
    c.differenceCount > 0 ? `${c.differenceCount} differing connection(s)` : "",
    c.onlyInSnapshot.length > 0 ? `${c.onlyInSnapshot.length} workload(s) missing from the cluster` : "",
    c.onlyInCluster.length > 0 ? `${c.onlyInCluster.length} workload(s) not in the snapshot` : "",
    c.problems.length > 0 ? `${c.problems.length} invalid object(s)` : "",
  ].filter(Boolean);
  return `the cluster drifted from the sealed policy: ${parts.join(", ")}`;
}
