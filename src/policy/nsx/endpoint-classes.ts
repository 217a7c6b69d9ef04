/**
 * Equivalence classes, so cost grows with classes rather than VMs²: VMs that every selector (sources,
 * destinations, Applied-To of every rule, in both families) treats alike are interchangeable; the external
 * address space (everything outside segment subnets and VM addresses) is cut at every address boundary a
 * selector uses, and each resulting atom — possibly several disjoint ranges — behaves as one endpoint.
 */
import { IpSet } from "../sets/ip-set.ts";
import { FAMILIES, familySpace, type AddressFamily } from "./address-family.ts";
import { vmTakesPart, type ExternalEndpoint, type VmEndpoint } from "./endpoint.ts";
import type { CompiledRule } from "./rule-table.ts";
import { selectorMatches, type Selector } from "./selector.ts";

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
  const byKey = new Map<string, VmEndpoint[]>();
  for (const vm of vms) {
    let key = FAMILIES.map((f) => (vmTakesPart(vm, f) ? "1" : "0")).join("");
    for (const family of FAMILIES) for (const selector of selectors) key += selectorMatches(selector, vm, family) ? "1" : "0";
    for (const scope of scopes) key += scope.any || scope.vmIds.has(vm.vm.id) ? "1" : "0";
    byKey.set(key, [...(byKey.get(key) ?? []), vm]);
  }
  return [...byKey.values()].map((members, index) => ({ id: `vms#${index}`, kind: "vms", members, representative: members[0] }));
}

/** Addresses inside the estate: segment subnets and VM addresses are never "external". */
export function externalAtoms(internal: IpSet, rules: readonly CompiledRule[]): ExternalClass[] {
  const cuts = distinctSelectors(rules).map((s) => s.ips).filter((ips) => !ips.isEmpty());
  const atoms: ExternalClass[] = [];
  for (const family of FAMILIES) {
    let pieces = [familySpace(family).subtract(internal)].filter((p) => !p.isEmpty());
    for (const cut of cuts) {
      pieces = pieces.flatMap((piece) => [piece.intersect(cut), piece.subtract(cut)]).filter((p) => !p.isEmpty());
    }
    for (const addresses of pieces) atoms.push({ id: `ext#${atoms.length}`, kind: "external", family, endpoint: { kind: "external", addresses } });
  }
  return atoms;
}

export function internalSpace(vms: readonly VmEndpoint[], segmentSubnets: readonly string[]): IpSet {
  return vms.reduce((acc, vm) => acc.union(vm.addresses), IpSet.fromList(segmentSubnets));
}
