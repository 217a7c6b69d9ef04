/**
 * Azure Local expresses east-west rules NSG-style: 5-tuple rules on address prefixes with a priority, no
 * tag-based groups. Carrying the DFW over therefore means flattening every group to its member addresses:
 * one NSX rule becomes |source prefixes| × |destination prefixes| × |service atoms| NSG rules (per
 * direction), computed exactly here and compared with the NSG priority range and rule limit.
 */
import { z } from "zod";
import type { GroupExpression, NsxEstate, NsxRule, ServiceEntry } from "../policy/index.ts";
import { AddressSet } from "./address-set.ts";
import { ruleServiceEntries } from "./rule-features.ts";

/** groupPath → its members' addresses (IPs, CIDRs or ranges), e.g. from a realized-state export. */
export const ZGroupMembership = z.record(z.string(), z.object({ ips: z.array(z.string()) }));
export type TGroupMembership = z.infer<typeof ZGroupMembership>;

export const ZAzureNsgLimits = z.object({
  /**
   * Custom rule priorities 100–4096 (issue #8; Azure "Network security groups" overview,
   * learn.microsoft.com/azure/virtual-network/network-security-groups-overview). Priorities are unique per
   * direction, so at most 3,997 custom rules per direction.
   */
  priorityMin: z.number().int().default(100),
  priorityMax: z.number().int().default(4096),
  /**
   * ASSUMPTION: the seeds give no per-NSG rule limit for Azure Local; 1,000 security rules per NSG is the
   * documented Azure (public cloud) networking limit ("Azure subscription and service limits", networking
   * limits, learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits).
   * Override when Microsoft documents Azure Local's own limit.
   */
  maxRulesPerNsg: z.number().int().positive().default(1000),
});
export type TAzureNsgLimits = z.infer<typeof ZAzureNsgLimits>;

export interface TPrefixCount {
  any: boolean;
  v4: number;
  v6: number;
}

export interface TFlattenedRule {
  ruleId: string;
  policyId: string;
  direction: NsxRule["direction"];
  source: TPrefixCount;
  destination: TPrefixCount;
  serviceAtoms: number;
  /** NSG rules this NSX rule needs in each direction it applies to. */
  nsgRules: number;
  /** Groups whose membership could not be resolved (the count is then a lower bound). */
  unresolved: string[];
}

export interface TAzureFlattening {
  limits: TAzureNsgLimits;
  /** min(priority slots, rule limit): custom rules one NSG can hold per direction. */
  capacityPerDirection: number;
  inbound: number;
  outbound: number;
  fits: boolean;
  /** False when some group membership was unknown: inbound/outbound are then lower bounds. */
  exact: boolean;
  unresolvedGroups: string[];
  enabledRules: number;
  /** (inbound + outbound) / enabled rules counted per direction they apply to. */
  explosionFactor: number;
  rules: TFlattenedRule[];
  assumptions: string[];
}

type Resolved = { set: AddressSet; unresolved: string[] };

class Resolver {
  private cache = new Map<string, Resolved>();
  constructor(
    private readonly estate: NsxEstate,
    private readonly membership: TGroupMembership,
  ) {}

  path(path: string, stack: string[] = []): Resolved {
    const cached = this.cache.get(path);
    if (cached) return cached;
    let out: Resolved;
    const given = this.membership[path];
    const group = this.estate.groups.find((g) => g.path === path);
    const segment = this.estate.segments.find((s) => s.path === path);
    const vm = this.vmByPath(path);
    if (given) out = { set: AddressSet.parse(given.ips), unresolved: [] };
    else if (stack.includes(path))
      out = { set: AddressSet.empty(), unresolved: [path] }; // cyclic nesting
    else if (group)
      out = group.expression ? this.expression(group.expression, [...stack, path], path) : { set: AddressSet.empty(), unresolved: [] };
    else if (segment) out = { set: AddressSet.parse(segment.subnets), unresolved: [] };
    else if (vm)
      out =
        vm.ips.length > 0
          ? { set: AddressSet.parse(vm.ips), unresolved: [] }
          : { set: AddressSet.empty(), unresolved: [`vm:${vm.id} (no IP in the export)`] };
    else out = { set: AddressSet.empty(), unresolved: [path] };
    this.cache.set(path, out);
    return out;
  }

  private vmByPath(path: string) {
    const last = path.split("/").pop() ?? path;
    return this.estate.vms.find((v) => v.id === last || v.instanceUuid === last || v.moref === last);
  }

  private vmsByIds(ids: string[]): Resolved {
    const unresolved: string[] = [];
    let set = AddressSet.empty();
    for (const id of ids) {
      const vm = this.estate.vms.find((v) => v.id === id || v.instanceUuid === id || v.moref === id);
      if (vm && vm.ips.length > 0) set = set.union(AddressSet.parse(vm.ips));
      else unresolved.push(vm ? `vm:${id} (no IP in the export)` : `vm:${id}`);
    }
    return { set, unresolved };
  }

  private expression(e: GroupExpression, stack: string[], owner: string): Resolved {
    switch (e.kind) {
      case "ipAddresses":
        return { set: AddressSet.parse(e.addresses), unresolved: [] };
      case "vmIds":
        return this.vmsByIds(e.ids);
      case "externalIds":
        return e.memberType === "VirtualMachine" ? this.vmsByIds(e.ids) : { set: AddressSet.empty(), unresolved: [owner] };
      case "paths":
        return combine(
          e.paths.map((p) => this.path(p, stack)),
          "OR",
        );
      case "nested":
        return this.expression(e.expression, stack, owner);
      case "conjunction": {
        // NSX evaluates AND before OR: split at OR into AND-chains, union of their intersections.
        const chains: Resolved[][] = [[this.expression(e.operands[0], stack, owner)]];
        e.operators.forEach((op, i) => {
          const next = this.expression(e.operands[i + 1], stack, owner);
          if (op === "AND") chains[chains.length - 1].push(next);
          else chains.push([next]);
        });
        return combine(
          chains.map((c) => combine(c, "AND")),
          "OR",
        );
      }
      // Tag/name conditions need the engine's membership evaluation; MACs and AD groups have no prefix form.
      case "condition":
      case "macAddresses":
      case "identityGroups":
        return { set: AddressSet.empty(), unresolved: [owner] };
    }
  }
}

function combine(parts: Resolved[], op: "AND" | "OR"): Resolved {
  const unresolved = [...new Set(parts.flatMap((p) => p.unresolved))];
  if (parts.length === 0) return { set: AddressSet.empty(), unresolved };
  const set = parts.slice(1).reduce((acc, p) => (op === "AND" ? acc.intersect(p.set) : acc.union(p.set)), parts[0].set);
  return { set, unresolved };
}

/** Rule peers are group/segment/VM paths (not always starting with "/" in every export) or address literals. */
function side(
  values: string[],
  excluded: boolean,
  estate: NsxEstate,
  resolver: Resolver,
): { any: boolean; set: AddressSet; unresolved: string[] } {
  if (values.length === 0 || values.includes("ANY"))
    return excluded ? { any: false, set: AddressSet.empty(), unresolved: [] } : { any: true, set: AddressSet.all(), unresolved: [] };
  const isReference = (v: string) =>
    estate.groups.some((g) => g.path === v) || estate.segments.some((sg) => sg.path === v) || !isAddressLiteral(v);
  const literals = values.filter((v) => !isReference(v));
  const parts = [
    { set: AddressSet.parse(literals), unresolved: [] as string[] },
    ...values.filter(isReference).map((p) => resolver.path(p)),
  ];
  const { set, unresolved } = combine(parts, "OR");
  // Negation is expressible by flattening the complement to prefixes.
  return { any: false, set: excluded ? set.complement() : set, unresolved };
}

function isAddressLiteral(v: string): boolean {
  try {
    AddressSet.parse([v]);
    return true;
  } catch {
    return false;
  }
}

/** NSG rules needed per service entry: one protocol and one port range per rule. */
function serviceAtoms(entries: ServiceEntry[]): number {
  return entries.reduce((n, e) => {
    switch (e.kind) {
      case "L4PortSet":
        return e.protocol === "SCTP" ? n : n + Math.max(1, e.destinationPorts.length) * Math.max(1, e.sourcePorts.length);
      case "ICMPType":
        return n + 1;
      case "IPProtocol":
        return [6, 17, 1, 58, 50, 51].includes(e.protocolNumber) ? n + 1 : n;
      case "ALG":
        return n + Math.max(1, e.destinationPorts.length) * Math.max(1, e.sourcePorts.length);
      default:
        return n; // IGMP, EtherType: not expressible (reported as losses), no NSG rule
    }
  }, 0);
}

function prefixCount(s: { any: boolean; set: AddressSet }): TPrefixCount {
  return s.any ? { any: true, v4: 0, v6: 0 } : { any: false, ...s.set.prefixCount() };
}

/** Address pairs: "*" pairs with every prefix of either family; prefixes pair only within one family. */
function pairCount(a: TPrefixCount, b: TPrefixCount): number {
  if (a.any && b.any) return 1;
  if (a.any) return b.v4 + b.v6;
  if (b.any) return a.v4 + a.v6;
  return a.v4 * b.v4 + a.v6 * b.v6;
}

export function flattenForAzureNsg(
  estate: NsxEstate,
  options: { membership?: TGroupMembership; limits?: Partial<TAzureNsgLimits> } = {},
): TAzureFlattening {
  const limits = ZAzureNsgLimits.parse(options.limits ?? {});
  const resolver = new Resolver(estate, ZGroupMembership.parse(options.membership ?? {}));
  const rules: TFlattenedRule[] = [];
  let inbound = 0;
  let outbound = 0;
  let directionalRules = 0;
  for (const policy of estate.policies)
    for (const rule of policy.rules) {
      if (rule.disabled) continue;
      const famFilter = (s: ReturnType<typeof side>) =>
        rule.ipProtocol === "IPV4_IPV6" || s.any ? s : { ...s, set: s.set.onlyFamily(rule.ipProtocol === "IPV4" ? 4 : 6) };
      const src = famFilter(side(rule.sources, rule.sourcesExcluded, estate, resolver));
      const dst = famFilter(side(rule.destinations, rule.destinationsExcluded, estate, resolver));
      const svc = ruleServiceEntries(rule, estate);
      const atoms = svc.any ? 1 : serviceAtoms(svc.entries);
      const source = prefixCount(src);
      const destination = prefixCount(dst);
      const nsgRules = pairCount(source, destination) * atoms;
      const unresolved = [...new Set([...src.unresolved, ...dst.unresolved])];
      rules.push({
        ruleId: rule.id,
        policyId: policy.id,
        direction: rule.direction,
        source,
        destination,
        serviceAtoms: atoms,
        nsgRules,
        unresolved,
      });
      if (rule.direction !== "OUT") ((inbound += nsgRules), directionalRules++);
      if (rule.direction !== "IN") ((outbound += nsgRules), directionalRules++);
    }
  // The NSX default rule becomes one explicit catch-all per direction at the lowest custom priority: NSG's
  // own defaults (AllowVnetInBound at 65000 …) differ from both NSX default ALLOW and DROP.
  inbound += 1;
  outbound += 1;
  const capacityPerDirection = Math.min(limits.priorityMax - limits.priorityMin + 1, limits.maxRulesPerNsg);
  const unresolvedGroups = [...new Set(rules.flatMap((r) => r.unresolved))].sort();
  return {
    limits,
    capacityPerDirection,
    inbound,
    outbound,
    fits: inbound <= capacityPerDirection && outbound <= capacityPerDirection,
    exact: unresolvedGroups.length === 0,
    unresolvedGroups,
    enabledRules: rules.length,
    explosionFactor: directionalRules > 0 ? (inbound + outbound - 2) / directionalRules : 0,
    rules,
    assumptions: [
      "One NSG rule carries one source prefix, one destination prefix, one protocol and one port range (the single-value rule form); groups are flattened to the minimal exact CIDR cover of their members.",
      "All rules share one NSG per direction (a subnet-level NSG); per-NIC NSGs would each hold the subset applied to that NIC.",
      "One explicit catch-all rule per direction reproduces the NSX default rule.",
      `Capacity per direction = min(priority slots ${limits.priorityMin}–${limits.priorityMax}, ${limits.maxRulesPerNsg} rules per NSG (assumed, Azure public-cloud limit)).`,
    ],
  };
}
