/**
 * The equivalence engine's row machinery (`NsxEnforcement`, `K8sEnforcement`) evaluates over an
 * `EndpointSpace`; these spaces hold one side only — each side's own classes and external addresses —
 * for the application heatmap and the lint, which look at one engine at a time. `NsxEnforcement` reads
 * only `nsx` of a class, `K8sEnforcement` only `k8s`: the other side's field is absent on purpose.
 */
import type { CommonVmClass, EndpointSpace, ExternalAtom } from "../equivalence/endpoint-space.ts";
import type { Party } from "../k8s/party.ts";
import type { IpSet } from "../sets/ip-set.ts";
import type { CompiledNsx } from "../nsx/compile.ts";

/** The NSX classes (same indices as `compiled.vmClasses`) and external classes (same order, both families). */
export function nsxOnlySpace(compiled: CompiledNsx): EndpointSpace {
  return {
    vmClasses: compiled.vmClasses.map((c, index): CommonVmClass => ({
      index,
      nsxClassIndex: index,
      k8sClassKey: "",
      members: [],
      nsx: c.representative,
      k8s: undefined as unknown as CommonVmClass["k8s"],
    })),
    atoms: compiled.externalClasses.map((c, index): ExternalAtom => ({
      index,
      family: c.family,
      addresses: c.endpoint.addresses,
      nsxClassIndex: index,
    })),
  };
}

/** Kubernetes endpoint classes (one representative each) and external blocks. */
export function k8sOnlySpace(representatives: readonly (Party & { kind: "endpoint" })[], blocks: readonly IpSet[]): EndpointSpace {
  return {
    vmClasses: representatives.map((k8s, index): CommonVmClass => ({
      index,
      nsxClassIndex: -1,
      k8sClassKey: "",
      members: [],
      nsx: undefined as unknown as CommonVmClass["nsx"],
      k8s,
    })),
    atoms: blocks.map((addresses, index): ExternalAtom => ({
      index,
      family: addresses.intervals().v4.length > 0 ? 4 : 6,
      addresses,
      nsxClassIndex: -1,
    })),
  };
}
