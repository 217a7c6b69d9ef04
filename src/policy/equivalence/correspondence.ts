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

/** Endpoints by id, by Namespace and name, and VirtualMachines by name, each list in model order. */
interface EndpointIndex {
  byId: Map<string, K8sEndpoint[]>;
  byNamespacedName: Map<string, K8sEndpoint[]>;
  virtualMachinesByName: Map<string, K8sEndpoint[]>;
}

function indexEndpoints(endpoints: readonly K8sEndpoint[]): EndpointIndex {
  const index: EndpointIndex = { byId: new Map(), byNamespacedName: new Map(), virtualMachinesByName: new Map() };
  const add = (map: Map<string, K8sEndpoint[]>, key: string, endpoint: K8sEndpoint) => {
    const list = map.get(key);
    if (list) list.push(endpoint);
    else map.set(key, [endpoint]);
  };
  for (const endpoint of endpoints) {
    add(index.byId, endpoint.id, endpoint);
    add(index.byNamespacedName, `${endpoint.namespace}\u0000${endpoint.name}`, endpoint);
    if (endpoint.kind === "VirtualMachine") add(index.virtualMachinesByName, endpoint.name, endpoint);
  }
  return index;
}

/** The endpoints a correspondence entry names: an endpoint id, else `namespace/name`, else a VirtualMachine's name. */
function findEndpoint(index: EndpointIndex, text: string): K8sEndpoint[] {
  const exact = index.byId.get(text);
  if (exact) return exact;
  if (text.includes("/")) {
    const [namespace, name] = text.split("/", 2);
    return index.byNamespacedName.get(`${namespace}\u0000${name}`) ?? [];
  }
  return index.virtualMachinesByName.get(text) ?? [];
}

export function correspond(vms: readonly VmEndpoint[], model: ClusterModel, map?: CorrespondenceMap): Correspondence {
  // Indexed once: a lookup per VM, not a scan of every endpoint (VMs × endpoints at 50,000 VMs).
  const index = indexEndpoints(model.endpoints);
  const matched: MatchedVm[] = [];
  const unmatchedVms: Correspondence["unmatchedVms"] = [];
  const used = new Map<string, string>();
  for (const vm of vms) {
    const explicit = map ? (lookup(map, vm.vm.name) ?? lookup(map, vm.vm.id)) : undefined;
    const candidates = explicit !== undefined ? findEndpoint(index, explicit) : (index.virtualMachinesByName.get(vm.vm.name) ?? []);
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
