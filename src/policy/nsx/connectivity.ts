/**
 * `nsxConnectivity`: the exact traffic each endpoint class may send to each other class. A VM→VM flow needs
 * the source vNIC (OUT) and the destination vNIC (IN) to allow it; between a VM and an external address
 * only the VM's vNIC filters. Families are evaluated separately and united; a pair takes part in a family
 * only if both ends can use it. External→external traffic never crosses the DFW and is not listed.
 */
import { TrafficSet } from "../sets/traffic-set.ts";
import { FAMILIES, type AddressFamily } from "./address-family.ts";
import type { CompiledNsx } from "./compile.ts";
import { vmTakesPart, type Endpoint, type VmEndpoint } from "./endpoint.ts";
import type { EndpointClass } from "./endpoint-classes.ts";
import { allowedAtVnic } from "./vnic-evaluation.ts";

export interface NsxClassPair {
  src: EndpointClass;
  dst: EndpointClass;
  traffic: TrafficSet;
}

export interface NsxEndpointPair {
  src: Endpoint;
  dst: Endpoint;
  traffic: TrafficSet;
}

export interface NsxConnectivity {
  classes: EndpointClass[];
  /** Non-empty pairs between classes (a VM class to itself stands for its distinct members). */
  pairs: NsxClassPair[];
  /** Per VM (and external block): every ordered pair of distinct endpoints with non-empty traffic. */
  expand(): NsxEndpointPair[];
}

export interface NsxConnectivityOptions {
  /** Restrict to one address family (e.g. to compare with an IPv4-only tool). */
  family?: AddressFamily;
}

function families(options: NsxConnectivityOptions): readonly AddressFamily[] {
  return options.family ? [options.family] : FAMILIES;
}

/** Traffic between two endpoints in one family, through every vNIC on the way. */
export function endpointTraffic(compiled: CompiledNsx, src: Endpoint, dst: Endpoint, family: AddressFamily): TrafficSet {
  const { rules, estate } = compiled;
  const takesPart = (e: Endpoint) => (e.kind === "vm" ? vmTakesPart(e, family) : !e.addresses.isEmpty());
  if (!takesPart(src) || !takesPart(dst)) return TrafficSet.empty();
  if (src.kind === "external" && dst.kind === "external") return TrafficSet.empty();
  let traffic: TrafficSet | undefined;
  if (src.kind === "vm") traffic = allowedAtVnic(rules, estate.defaultAction, { vnic: src, direction: "OUT", peer: dst, family });
  if (dst.kind === "vm" && (traffic === undefined || !traffic.isEmpty())) {
    const inbound = allowedAtVnic(rules, estate.defaultAction, { vnic: dst, direction: "IN", peer: src, family });
    traffic = traffic === undefined ? inbound : traffic.intersect(inbound);
  }
  return traffic ?? TrafficSet.empty();
}

function representative(endpointClass: EndpointClass): Endpoint {
  return endpointClass.kind === "vms" ? endpointClass.representative : endpointClass.endpoint;
}

export function nsxConnectivity(compiled: CompiledNsx, options: NsxConnectivityOptions = {}): NsxConnectivity {
  const allowedFamilies = families(options);
  const classes: EndpointClass[] = [...compiled.vmClasses, ...compiled.externalClasses.filter((c) => allowedFamilies.includes(c.family))];
  const pairs: NsxClassPair[] = [];
  for (const src of classes) {
    for (const dst of classes) {
      if (src.kind === "external" && dst.kind === "external") continue;
      if (src === dst && src.kind === "vms" && src.members.length < 2) continue;
      let traffic = TrafficSet.empty();
      for (const family of allowedFamilies)
        traffic = traffic.union(endpointTraffic(compiled, representative(src), representative(dst), family));
      if (!traffic.isEmpty()) pairs.push({ src, dst, traffic });
    }
  }
  const members = (c: EndpointClass): Endpoint[] => (c.kind === "vms" ? c.members : [c.endpoint]);
  return {
    classes,
    pairs,
    expand() {
      const out: NsxEndpointPair[] = [];
      for (const pair of pairs) {
        for (const src of members(pair.src)) {
          for (const dst of members(pair.dst)) {
            if (src === dst) continue;
            out.push({ src, dst, traffic: pair.traffic });
          }
        }
      }
      return out;
    },
  };
}

export type { VmEndpoint };
