/**
 * Which Kubernetes endpoint is which NSX VM. Default: a VM corresponds to the KubeVirt VirtualMachine of
 * the same name, in whatever namespace it lives; a caller may pass an explicit map (VM name or id →
 * `ns/name[Kind]`, `ns/name` or a bare name). External addresses correspond to themselves (no mapping).
 */
import type { VmEndpoint } from "../nsx/endpoint.ts";
import type { ClusterModel, K8sEndpoint } from "../k8s/model.ts";

export type CorrespondenceMap = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

export interface MatchedVm {
  vm: VmEndpoint;
  k8s: K8sEndpoint;
}

export interface Correspondence {
  matched: MatchedVm[];
  /** NSX VMs with no Kubernetes counterpart (not compared; they make the estates not equivalent). */
  unmatchedVms: { name: string; reason: string }[];
  /** Kubernetes endpoints no VM maps to (not compared; reported). */
  unmatchedK8s: string[];
}

function lookup(map: CorrespondenceMap, key: string): string | undefined {
  return map instanceof Map ? map.get(key) : (map as Record<string, string>)[key];
}

function findEndpoint(endpoints: readonly K8sEndpoint[], text: string): K8sEndpoint[] {
  const exact = endpoints.filter((e) => e.id === text);
  if (exact.length > 0) return exact;
  if (text.includes("/")) {
    const [namespace, name] = text.split("/", 2);
    return endpoints.filter((e) => e.namespace === namespace && e.name === name);
  }
  return endpoints.filter((e) => e.name === text && e.kind === "VirtualMachine");
}

export function correspond(vms: readonly VmEndpoint[], model: ClusterModel, map?: CorrespondenceMap): Correspondence {
  const virtualMachinesByName = new Map<string, K8sEndpoint[]>();
  for (const endpoint of model.endpoints) {
    if (endpoint.kind !== "VirtualMachine") continue;
    virtualMachinesByName.set(endpoint.name, [...(virtualMachinesByName.get(endpoint.name) ?? []), endpoint]);
  }
  const matched: MatchedVm[] = [];
  const unmatchedVms: Correspondence["unmatchedVms"] = [];
  const used = new Map<string, string>();
  for (const vm of vms) {
    const explicit = map ? (lookup(map, vm.vm.name) ?? lookup(map, vm.vm.id)) : undefined;
    const candidates = explicit !== undefined ? findEndpoint(model.endpoints, explicit) : (virtualMachinesByName.get(vm.vm.name) ?? []);
    const wanted = explicit !== undefined ? `"${explicit}"` : `a VirtualMachine named ${vm.vm.name}`;
    if (candidates.length === 0) {
      unmatchedVms.push({ name: vm.vm.name, reason: `no Kubernetes endpoint ${wanted}` });
      continue;
    }
    if (candidates.length > 1) {
      unmatchedVms.push({ name: vm.vm.name, reason: `ambiguous: ${candidates.map((c) => c.id).join(", ")} all match ${wanted}` });
      continue;
    }
    const k8s = candidates[0];
    const previous = used.get(k8s.id);
    if (previous !== undefined) {
      unmatchedVms.push({ name: vm.vm.name, reason: `${k8s.id} already corresponds to VM ${previous}` });
      continue;
    }
    used.set(k8s.id, vm.vm.name);
    matched.push({ vm, k8s });
  }
  const unmatchedK8s = model.endpoints.filter((e) => !used.has(e.id)).map((e) => e.id);
  return { matched, unmatchedVms, unmatchedK8s };
}
