/**
 * The two kinds of endpoint a DFW flow has: a VM (evaluated at its vNIC) or a block of external addresses.
 * A VM's addresses are its vNIC IPs; a VM whose IPs the export does not know is placed in the subnets of the
 * segments it is attached to (its address must lie there). A VM with neither is family-agnostic: it takes
 * part in both IPv4 and IPv6 and only group/VM-based rules can match it.
 */
import { IpSet } from "../sets/ip-set.ts";
import { familySpace, type AddressFamily } from "./address-family.ts";
import type { NsxSegment, NsxVm } from "./model.ts";

export interface VmEndpoint {
  kind: "vm";
  vm: NsxVm;
  addresses: IpSet;
}

export interface ExternalEndpoint {
  kind: "external";
  /** Always within one address family. */
  addresses: IpSet;
}

export type Endpoint = VmEndpoint | ExternalEndpoint;

export function vmEndpoint(vm: NsxVm, segmentsByPath: ReadonlyMap<string, NsxSegment>): VmEndpoint {
  let addresses = IpSet.empty();
  for (const ip of vm.ips) addresses = addresses.union(IpSet.parse(ip));
  if (addresses.isEmpty()) {
    for (const path of vm.segments ?? [])
      for (const subnet of segmentsByPath.get(path)?.subnets ?? []) addresses = addresses.union(IpSet.parse(subnet));
  }
  return { kind: "vm", vm, addresses };
}

/** Whether a VM can send or receive in a family. */
export function vmTakesPart(endpoint: VmEndpoint, family: AddressFamily): boolean {
  return endpoint.addresses.isEmpty() || !endpoint.addresses.intersect(familySpace(family)).isEmpty();
}

export function endpointLabel(endpoint: Endpoint): string {
  return endpoint.kind === "vm" ? endpoint.vm.name : endpoint.addresses.toRanges().join(",");
}
