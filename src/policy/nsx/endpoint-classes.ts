/**
 * Equivalence classes, so cost grows with classes rather than VMs²: VMs that every selector (sources,
 * destinations, Applied-To of every rule, in both families) treats alike are interchangeable; the external
 * address space (everything outside segment subnets and VM addresses) is cut at every address boundary a
 * selector uses, and each resulting atom — possibly several disjoint ranges — behaves as one endpoint.
 */
import type { Interval } from "../sets/interval-set.ts";
import { AddressIndex } from "../sets/address-index.ts";
import { partitionByCuts } from "../sets/cut-partition.ts";
import { IpSet } from "../sets/ip-set.ts";
import { FAMILIES, familySpace, type AddressFamily } from "./address-family.ts";
import { vmTakesPart, type ExternalEndpoint, type VmEndpoint } from "./endpoint.ts";
import type { CompiledRule } from "./rule-table.ts";
import { vmAddressMatch, type Selector } from "./selector.ts";

export interface VmClass {
  id: string;
  kind: "vms";
  members: VmEndpoint[];
  /** The member evaluated on behalf of all. */
  representative: VmEndpoint;
}

export interface ExternalClass {
  id: string;
  kind: "external";
  family: AddressFamily;
  endpoint: ExternalEndpoint;
}

export type EndpointClass = VmClass | ExternalClass;

function distinctSelectors(rules: readonly CompiledRule[]): Selector[] {
  const set = new Set<Selector>();
  for (const rule of rules) {
    set.add(rule.sources);
    set.add(rule.destinations);
  }
  return [...set];
}

export function vmClasses(vms: readonly VmEndpoint[], rules: readonly CompiledRule[]): VmClass[] {
  const selectors = distinctSelectors(rules);
  const scopes = [...new Set(rules.map((r) => r.appliedTo))];
  // A selector's verdict on a VM follows from its positive VM-id membership and, for selectors with
  // addresses, the per-family address match (ANY and negation add no distinction). Membership is read
  // from each selector's own id set, so cost follows total membership rather than VMs × selectors.
  const memberships = new Map<string, number[]>();
  const mark = (ids: ReadonlySet<string>, index: number) => {
    for (const id of ids) {
      const list = memberships.get(id);
      if (list) list.push(index);
      else memberships.set(id, [index]);
    }
  };
  selectors.forEach((selector, index) => {
    if (!selector.any) mark(selector.vmIds, index);
  });
  scopes.forEach((scope, index) => {
    if (!scope.any) mark(scope.vmIds, selectors.length + index);
  });
  const vmSpace = internalSpace(vms, []);
  const addressSelectors = selectors.filter((s) => !s.any && !s.ips.isEmpty() && !s.ips.intersect(vmSpace).isEmpty());
  // Per VM, the (family, address selector) pairs that match it, ascending: only VMs with an address in the
  // selector's addresses can match, and the index lists those.
  const addressMatches = new Map<number, number[]>();
  const index = new AddressIndex(vms.map((vm) => vm.addresses));
  FAMILIES.forEach((family, f) =>
    addressSelectors.forEach((selector, s) => {
      for (const v of index.overlapping(selector.ips, family)) {
        if (!vmAddressMatch(selector, vms[v], family)) continue;
        const list = addressMatches.get(v);
        if (list) list.push(f * addressSelectors.length + s);
        else addressMatches.set(v, [f * addressSelectors.length + s]);
      }
    }),
  );
  const byKey = new Map<string, VmEndpoint[]>();
  for (let v = 0; v < vms.length; v++) {
    const vm = vms[v];
    let key = FAMILIES.map((f) => (vmTakesPart(vm, f) ? "1" : "0")).join("");
    key += `|${(memberships.get(vm.vm.id) ?? []).join(",")}|`;
    if (!vm.addresses.isEmpty()) key += `a${(addressMatches.get(v) ?? []).join(",")}`;
    const members = byKey.get(key);
    if (members) members.push(vm);
    else byKey.set(key, [vm]);
  }
  return [...byKey.values()].map((members, index) => ({ id: `vms#${index}`, kind: "vms", members, representative: members[0] }));
}

/** Addresses inside the estate: segment subnets and VM addresses are never "external". */
export function externalAtoms(internal: IpSet, rules: readonly CompiledRule[]): ExternalClass[] {
  const cuts = distinctSelectors(rules)
    .map((s) => s.ips)
    .filter((ips) => !ips.isEmpty());
  const atoms: ExternalClass[] = [];
  for (const family of FAMILIES) {
    for (const addresses of partitionByCuts(familySpace(family).subtract(internal), cuts))
      atoms.push({ id: `ext#${atoms.length}`, kind: "external", family, endpoint: { kind: "external", addresses } });
  }
  return atoms;
}

export function internalSpace(vms: readonly VmEndpoint[], segmentSubnets: readonly string[]): IpSet {
  // One normalisation over all intervals: folding unions one VM at a time is quadratic.
  const v4: Interval<bigint>[] = [];
  const v6: Interval<bigint>[] = [];
  for (const vm of vms) {
    const intervals = vm.addresses.intervals();
    v4.push(...intervals.v4);
    v6.push(...intervals.v6);
  }
  return IpSet.fromIntervals(v4, v6).union(IpSet.fromList(segmentSubnets));
}
