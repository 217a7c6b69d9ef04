/**
 * All-pairs connectivity of a cluster, exact: for every ordered pair of endpoints and between endpoints
 * and external address blocks, the TrafficSet both the source's egress and the destination's ingress
 * allow. Work is done per equivalence class of endpoints (same namespace, namespace labels, labels and
 * named ports behave identically), so cost grows with classes², not endpoints².
 */
import type { IpSet } from "../sets/ip-set.ts";
import { TrafficSet } from "../sets/traffic-set.ts";
import { evaluateDirection } from "./evaluate-direction.ts";
import { externalBlocks } from "./external-blocks.ts";
import type { ClusterModel, K8sEndpoint, NormalisedPolicy } from "./model.ts";
import { partyName, type Party } from "./party.ts";

export interface ConnectionEntry {
  /** `ns/name[Kind]` or `a.b.c.d-e.f.g.h[External]`. */
  src: string;
  dst: string;
  srcParty: Party;
  dstParty: Party;
  allowed: TrafficSet;
}

export interface ClusterConnectivity {
  endpoints: readonly K8sEndpoint[];
  externals: readonly IpSet[];
  /** Pairs with some allowed traffic; self-pairs and external↔external are not listed. */
  connections: readonly ConnectionEntry[];
  classCount: number;
}

function classKey(party: Party & { kind: "endpoint" }): string {
  const sortedEntries = (o: Readonly<Record<string, string>>) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
  const ports = [...party.endpoint.namedPorts].map((p) => `${p.name}/${p.protocol}/${p.port}`).sort();
  return JSON.stringify([party.namespace.name, sortedEntries(party.namespace.labels), sortedEntries(party.endpoint.labels), ports]);
}

export function endpointParties(model: ClusterModel): (Party & { kind: "endpoint" })[] {
  return model.endpoints.map((endpoint) => ({ kind: "endpoint", endpoint, namespace: model.namespaces.get(endpoint.namespace)! }));
}

export function computeConnectivity(model: ClusterModel, onProgress?: (done: number, total: number) => void): ClusterConnectivity {
  const policies: readonly NormalisedPolicy[] = model.policies;
  const parties = endpointParties(model);
  const classOf = new Map<string, number>();
  const representatives: Party[] = [];
  const partyClass = parties.map((party) => {
    const key = classKey(party);
    if (!classOf.has(key)) {
      classOf.set(key, representatives.length);
      representatives.push(party);
    }
    return classOf.get(key)!;
  });
  const externals = externalBlocks(policies).map((addresses): Party => ({ kind: "external", addresses }));

  // Per class pair: egress at the source and ingress at the destination, then their intersection.
  const classCount = representatives.length;
  const between: TrafficSet[][] = [];
  const total = classCount * (classCount + externals.length);
  let done = 0;
  for (let a = 0; a < classCount; a++) {
    between.push([]);
    for (let b = 0; b < classCount; b++) {
      const egress = evaluateDirection(policies, "egress", representatives[a], representatives[b]).allowed;
      const ingress = egress.isEmpty() ? egress : evaluateDirection(policies, "ingress", representatives[b], representatives[a]).allowed;
      between[a].push(egress.intersect(ingress));
      onProgress?.(++done, total);
    }
  }
  const toExternal: TrafficSet[][] = [];
  const fromExternal: TrafficSet[][] = [];
  for (let a = 0; a < classCount; a++) {
    toExternal.push(externals.map((x) => evaluateDirection(policies, "egress", representatives[a], x).allowed));
    fromExternal.push(externals.map((x) => evaluateDirection(policies, "ingress", representatives[a], x).allowed));
    done += externals.length;
    onProgress?.(done, total);
  }

  const connections: ConnectionEntry[] = [];
  const push = (srcParty: Party, dstParty: Party, allowed: TrafficSet) => {
    if (!allowed.isEmpty()) connections.push({ src: partyName(srcParty), dst: partyName(dstParty), srcParty, dstParty, allowed });
  };
  parties.forEach((src, i) => {
    parties.forEach((dst, j) => {
      if (i !== j) push(src, dst, between[partyClass[i]][partyClass[j]]);
    });
    externals.forEach((x, k) => {
      push(src, x, toExternal[partyClass[i]][k]);
      push(x, src, fromExternal[partyClass[i]][k]);
    });
  });
  return {
    endpoints: model.endpoints,
    externals: externals.map((x) => (x as Party & { kind: "external" }).addresses),
    connections,
    classCount,
  };
}
