/**
 * Each rule's resolved membership as the engine resolves it (groups → VM ids and addresses), frozen in the
 * policy part by the web and the CLI alike. Pure.
 */
import {
  GroupResolver,
  IpSet,
  ProblemLog,
  buildPeerSelector,
  buildScopeSelector,
  isAny,
  vmEndpoint,
  type NsxEstate,
  type Selector,
  type VmEndpoint,
} from "../policy/index.ts";
import type { TNormalisedPolicy } from "./snapshot-model.ts";

/** A rule's resolved members as strings: "ANY", VM ids as `vm:<id>`, addresses as CIDRs. Sorted, stable. */
function members(selector: Selector): string[] {
  if (selector.any) return ["ANY"];
  return [...[...selector.vmIds].sort().map((id) => `vm:${id}`), ...selector.ips.toCidrs()];
}

/**
 * Each rule's sources, destinations and Applied-To as the engine resolves them (groups → VM ids and
 * addresses, a policy's Applied-To replacing its rules' own), for every rule including disabled ones.
 * Negation (sources/destinations excluded) stays on the rule itself; these are the members named.
 */
export function resolveRuleMembership(estate: NsxEstate): TNormalisedPolicy["ruleMembership"] {
  const log = new ProblemLog();
  const resolver = new GroupResolver(estate, log);
  const segments = new Map(estate.segments.map((s) => [s.path, s]));
  const vms: VmEndpoint[] = [];
  for (const vm of estate.vms) {
    try {
      vms.push(vmEndpoint(vm, segments));
    } catch {
      vms.push({ kind: "vm", vm, addresses: IpSet.empty() }); // bad address: the import report names it
    }
  }
  const out: TNormalisedPolicy["ruleMembership"] = {};
  for (const policy of estate.policies) {
    const policyScope = isAny(policy.scope) ? undefined : policy.scope;
    for (const rule of policy.rules) {
      const subject = `${policy.name}/${rule.name} (${rule.id})`;
      out[rule.id] = {
        sources: members(buildPeerSelector(rule.sources, false, resolver, log, subject)),
        destinations: members(buildPeerSelector(rule.destinations, false, resolver, log, subject)),
        appliedTo: members(buildScopeSelector(policyScope ?? rule.scope, resolver, segments, vms, log, subject)),
      };
    }
  }
  return out;
}
