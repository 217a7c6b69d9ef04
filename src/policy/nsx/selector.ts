/**
 * A rule's sources, destinations or Applied-To, resolved once: ANY, or a union of group members (VM ids and
 * addresses) and address literals, optionally negated (`sources_excluded` / `destinations_excluded`).
 */
import { IpSet } from "../sets/ip-set.ts";
import { FAMILIES, familySpace, type AddressFamily } from "./address-family.ts";
import type { Endpoint, VmEndpoint } from "./endpoint.ts";
import type { GroupResolver } from "./group-membership.ts";
import type { NsxSegment } from "./model.ts";
import type { ProblemLog } from "./problems.ts";

export interface Selector {
  any: boolean;
  vmIds: ReadonlySet<string>;
  ips: IpSet;
  negated: boolean;
}

/** Problems a selector build reports, replayed for every rule that reuses the cached selector. */
type ProblemTemplate = { severity: "error" | "info"; code: string; message: string };
interface CachedSelector {
  selector: Selector;
  problems: ProblemTemplate[];
}

/**
 * Rules naming the same entries share one Selector object (per resolver), so classes and connectivity
 * compare distinct selectors instead of one per rule — a large saving on estates with thousands of rules.
 */
const selectorCache = new WeakMap<GroupResolver, Map<string, CachedSelector>>();

function cached(
  resolver: GroupResolver,
  key: string,
  log: ProblemLog,
  subject: string,
  build: (problems: ProblemTemplate[]) => Selector,
): Selector {
  let cache = selectorCache.get(resolver);
  if (!cache) {
    cache = new Map();
    selectorCache.set(resolver, cache);
  }
  let entry = cache.get(key);
  if (!entry) {
    const problems: ProblemTemplate[] = [];
    entry = { selector: build(problems), problems };
    cache.set(key, entry);
  }
  for (const problem of entry.problems) log.add({ ...problem, subject });
  return entry.selector;
}

export function isAny(entries: readonly string[]): boolean {
  return entries.length === 0 || entries.some((e) => e.toUpperCase() === "ANY");
}

/** Sources / destinations: group paths or address literals. */
export function buildPeerSelector(
  entries: readonly string[],
  negated: boolean,
  resolver: GroupResolver,
  log: ProblemLog,
  subject: string,
): Selector {
  return cached(resolver, `peer|${negated}|${entries.join("\n")}`, log, subject, (problems) =>
    peerSelector(entries, negated, resolver, problems),
  );
}

function peerSelector(entries: readonly string[], negated: boolean, resolver: GroupResolver, problems: ProblemTemplate[]): Selector {
  if (isAny(entries)) return { any: true, vmIds: new Set(), ips: IpSet.empty(), negated };
  const vmIds = new Set<string>();
  let ips = IpSet.empty();
  for (const entry of entries) {
    if (resolver.hasGroup(entry)) {
      const members = resolver.resolve(entry);
      members.vmIds.forEach((id) => vmIds.add(id));
      ips = ips.union(members.ips);
      continue;
    }
    try {
      ips = ips.union(IpSet.parse(entry));
    } catch {
      problems.push({
        severity: "error",
        code: "unknown-group",
        message: `${entry} is neither a defined group nor an address; it matches nothing`,
      });
    }
  }
  return { any: false, vmIds, ips, negated };
}

/** Applied-To: vNICs of group members or of VMs on a segment. Address members have no vNIC. */
export function buildScopeSelector(
  entries: readonly string[],
  resolver: GroupResolver,
  segments: ReadonlyMap<string, NsxSegment>,
  vms: readonly VmEndpoint[],
  log: ProblemLog,
  subject: string,
): Selector {
  return cached(resolver, `scope|${entries.join("\n")}`, log, subject, (problems) =>
    scopeSelector(entries, resolver, segments, vms, problems),
  );
}

function scopeSelector(
  entries: readonly string[],
  resolver: GroupResolver,
  segments: ReadonlyMap<string, NsxSegment>,
  vms: readonly VmEndpoint[],
  problems: ProblemTemplate[],
): Selector {
  if (isAny(entries)) return { any: true, vmIds: new Set(), ips: IpSet.empty(), negated: false };
  const vmIds = new Set<string>();
  for (const entry of entries) {
    if (resolver.hasGroup(entry)) {
      const members = resolver.resolve(entry);
      members.vmIds.forEach((id) => vmIds.add(id));
      if (!members.ips.isEmpty()) {
        problems.push({
          severity: "info",
          code: "applied-to-addresses",
          message: `Applied-To group ${entry} has address members; addresses have no vNIC, so they are not enforcement points`,
        });
      }
    } else if (segments.has(entry)) {
      for (const endpoint of vms) if (endpoint.vm.segments?.includes(entry)) vmIds.add(endpoint.vm.id);
    } else {
      problems.push({
        severity: "error",
        code: "unknown-applied-to",
        message: `Applied-To ${entry} names no group or segment; the rule is enforced nowhere`,
      });
    }
  }
  return { any: false, vmIds, ips: IpSet.empty(), negated: false };
}

/**
 * Whether a VM's addresses in `family` fall in the selector's addresses. A VM matched by only part of its
 * addresses is reported by the compiler (`partialAddressMatch`) and counts as not matched.
 */
export function vmAddressMatch(selector: Selector, endpoint: VmEndpoint, family: AddressFamily): boolean {
  if (selector.ips.isEmpty()) return false;
  const own = endpoint.addresses.intersect(familySpace(family));
  return !own.isEmpty() && own.isSubsetOf(selector.ips);
}

/**
 * Whether, in some address family, only part of the VM's addresses lie in the selector's addresses.
 * Families are separate worlds (`vmAddressMatch` decides per family), so a dual-stack VM whose IPv4 address
 * is inside and whose IPv6 address is outside is matched in IPv4 and not in IPv6: exact, not partial.
 */
export function partialAddressMatch(selector: Selector, endpoint: VmEndpoint): boolean {
  return FAMILIES.some((family) => {
    const own = endpoint.addresses.intersect(familySpace(family));
    return !own.intersect(selector.ips).isEmpty() && !own.isSubsetOf(selector.ips);
  });
}

export function selectorMatches(selector: Selector, endpoint: Endpoint, family: AddressFamily): boolean {
  let positive: boolean;
  if (selector.any) positive = true;
  else if (endpoint.kind === "vm") positive = selector.vmIds.has(endpoint.vm.id) || vmAddressMatch(selector, endpoint, family);
  // External blocks are cut at every selector boundary, so a block lies wholly inside or outside.
  else positive = !endpoint.addresses.isEmpty() && endpoint.addresses.isSubsetOf(selector.ips);
  return positive !== selector.negated;
}
