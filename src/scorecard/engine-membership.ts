/**
 * Group membership for the Azure NSG flattening from the policy engine's own resolver
 * (src/policy/nsx/group-membership.ts): tag, name, OS and computer-name conditions, nested groups, segments
 * and VM members all resolve to VMs, whose addresses are the VMs' IPs from the inventory. With this the
 * flattened NSG rule counts are exact instead of lower bounds.
 *
 * A group is left out (and the flattening keeps treating it as unresolved, i.e. a lower bound) when the
 * engine could not model it exactly: identity (AD) groups, MAC members, unsupported member types or
 * condition keys, broken references, member VMs missing from the inventory or without an IP in the export —
 * and every group that contains such a group. Nothing is silently counted as empty.
 */
import { GroupResolver, type GroupExpression, type NsxEstate, ProblemLog, IpSet } from "../policy/index.ts";
import type { TGroupMembership } from "./azure-nsg-flattening.ts";

export interface TUnresolvedGroup {
  group: string;
  reasons: string[];
}

export interface TEngineMembership {
  /** groupPath → member addresses (minimal CIDR cover), only for groups the engine resolved exactly. */
  membership: TGroupMembership;
  resolvedGroups: number;
  unresolved: TUnresolvedGroup[];
}

function referencedPaths(e: GroupExpression | null | undefined, out: string[] = []): string[] {
  if (!e) return out;
  if (e.kind === "paths") out.push(...e.paths);
  else if (e.kind === "nested") referencedPaths(e.expression, out);
  else if (e.kind === "conjunction") for (const operand of e.operands) referencedPaths(operand, out);
  return out;
}

export function membershipFromEngine(estate: NsxEstate): TEngineMembership {
  const log = new ProblemLog();
  const resolver = new GroupResolver(estate, log);
  const vms = new Map(estate.vms.map((vm) => [vm.id, vm]));
  const resolved = new Map(estate.groups.map((g) => [g.path, resolver.resolve(g.path)]));

  // Groups the engine could not model exactly, with the reasons, as reported by the engine itself.
  const reasons = new Map<string, string[]>();
  const taint = (group: string, reason: string) => reasons.set(group, [...(reasons.get(group) ?? []), reason]);
  for (const problem of log.problems)
    if (problem.subject && resolved.has(problem.subject)) taint(problem.subject, `${problem.code}: ${problem.message}`);
  for (const [path, m] of resolved)
    for (const id of m.vmIds) if ((vms.get(id)?.ips.length ?? 0) === 0) taint(path, `member VM ${id} has no IP address in the export`);

  // …and every group that (transitively) contains one of them.
  const parents = estate.groups.map((g) => ({ path: g.path, children: referencedPaths(g.expression) }));
  for (let changed = true; changed;) {
    changed = false;
    for (const { path, children } of parents) {
      if (reasons.has(path)) continue;
      const bad = children.find((c) => reasons.has(c));
      if (bad) {
        taint(path, `contains ${bad}, which is not resolved exactly`);
        changed = true;
      }
    }
  }

  const membership: TGroupMembership = {};
  for (const [path, m] of resolved) {
    if (reasons.has(path)) continue;
    let ips = m.ips;
    for (const id of m.vmIds) for (const ip of vms.get(id)?.ips ?? []) ips = ips.union(IpSet.parse(ip));
    membership[path] = { ips: ips.toCidrs() };
  }
  return {
    membership,
    resolvedGroups: Object.keys(membership).length,
    unresolved: [...reasons].map(([group, why]) => ({ group, reasons: why })).sort((a, b) => a.group.localeCompare(b.group)),
  };
}
