/**
 * The common partition both sides are evaluated over. VM classes: matched VMs grouped by (NSX endpoint
 * class, Kubernetes class: namespace, namespace labels, labels, named ports), so every member of a class
 * is treated alike by both engines. External atoms: the NSX external space (outside segment subnets and VM
 * addresses) cut at every NSX boundary, every Kubernetes address-peer boundary and every extra boundary the
 * caller needs (e.g. finding exclusions) — each atom lies wholly inside or outside every address set used.
 */
import { partitionEachByCuts } from "../sets/cut-partition.ts";
import type { CompiledNsx } from "../nsx/compile.ts";
import type { AddressFamily } from "../nsx/address-family.ts";
import type { VmEndpoint } from "../nsx/endpoint.ts";
import type { IpSet } from "../sets/ip-set.ts";
import type { ClusterModel, K8sEndpoint, K8sNamespace, Labels } from "../k8s/model.ts";
import type { Party } from "../k8s/party.ts";
import type { MatchedVm } from "./correspondence.ts";

export interface CommonVmClass {
  index: number;
  nsxClassIndex: number;
  k8sClassKey: string;
  members: MatchedVm[];
  nsx: VmEndpoint;
  k8s: Party & { kind: "endpoint" };
}

export interface ExternalAtom {
  index: number;
  family: AddressFamily;
  addresses: IpSet;
  /** Index of the NSX external class the atom lies in. */
  nsxClassIndex: number;
}

export interface EndpointSpace {
  vmClasses: CommonVmClass[];
  atoms: ExternalAtom[];
}

function sortedEntries(labels: Labels): [string, string][] {
  return Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function k8sClassKey(endpoint: K8sEndpoint, namespace: K8sNamespace): string {
  const ports = endpoint.namedPorts.map((p) => `${p.name}/${p.protocol}/${p.port}`).sort();
  return JSON.stringify([namespace.name, sortedEntries(namespace.labels), sortedEntries(endpoint.labels), ports]);
}

export function k8sAddressCuts(model: ClusterModel): IpSet[] {
  const cuts = new Map<string, IpSet>();
  for (const policy of model.policies) {
    for (const rule of [...policy.ingress, ...policy.egress]) {
      for (const peer of rule.peers)
        if (peer.kind === "addresses" && !peer.addresses.isEmpty()) cuts.set(peer.addresses.toString(), peer.addresses);
    }
  }
  return [...cuts.values()];
}

export function buildEndpointSpace(
  compiled: CompiledNsx,
  model: ClusterModel,
  matched: readonly MatchedVm[],
  extraCuts: readonly IpSet[] = [],
): EndpointSpace {
  const nsxClassOfVm = new Map<string, number>();
  compiled.vmClasses.forEach((c, index) => c.members.forEach((m) => nsxClassOfVm.set(m.vm.id, index)));
  const byKey = new Map<string, CommonVmClass>();
  for (const pair of matched) {
    const namespace = model.namespaces.get(pair.k8s.namespace)!;
    const nsxClassIndex = nsxClassOfVm.get(pair.vm.vm.id)!;
    const k8sKey = k8sClassKey(pair.k8s, namespace);
    const key = `${nsxClassIndex}|${k8sKey}`;
    const existing = byKey.get(key);
    if (existing) existing.members.push(pair);
    else {
      byKey.set(key, {
        index: byKey.size,
        nsxClassIndex,
        k8sClassKey: k8sKey,
        members: [pair],
        nsx: pair.vm,
        k8s: { kind: "endpoint", endpoint: pair.k8s, namespace },
      });
    }
  }
  const cuts = [...k8sAddressCuts(model), ...extraCuts];
  const atoms: ExternalAtom[] = [];
  const classes = compiled.externalClasses;
  for (const { base, addresses } of partitionEachByCuts(
    classes.map((c) => c.endpoint.addresses),
    cuts,
  ))
    atoms.push({ index: atoms.length, family: classes[base].family, addresses, nsxClassIndex: base });
  return { vmClasses: [...byKey.values()], atoms };
}
