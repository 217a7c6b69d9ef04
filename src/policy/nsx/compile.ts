/**
 * `compileNsx`: everything about an estate that does not depend on a particular flow — group membership,
 * the ordered rule table, endpoint classes — computed once, with every problem found on the way.
 */
import { IpSet } from "../sets/ip-set.ts";
import { endpointLabel, vmEndpoint, type VmEndpoint } from "./endpoint.ts";
import { externalAtoms, internalSpace, vmClasses, type ExternalClass, type VmClass } from "./endpoint-classes.ts";
import { GroupResolver } from "./group-membership.ts";
import type { NsxEstate } from "./model.ts";
import { ProblemLog, type NsxProblem } from "./problems.ts";
import { compileRuleTable, ruleSubject, type CompiledRule } from "./rule-table.ts";
import { AddressIndex } from "../sets/address-index.ts";
import { partialAddressMatch, type Selector } from "./selector.ts";
import { ServiceResolver } from "./services.ts";

export interface CompiledNsx {
  estate: NsxEstate;
  rules: CompiledRule[];
  vms: VmEndpoint[];
  vmClasses: VmClass[];
  externalClasses: ExternalClass[];
  /** Segment subnets and VM addresses. */
  internal: IpSet;
  /** Every address the rules name (groups' address members and literals), for reports and oracles. */
  ruleAddresses: IpSet;
  groups: GroupResolver;
  problems: NsxProblem[];
}

export interface CompileOptions {
  /**
   * Only what deciding single flows needs (`explainNsxFlow`): the rule table, the VM endpoints and the
   * internal address space. Endpoint classes (for all-pairs connectivity and equivalence; nearly all of the
   * cost at 50,000 VMs), `ruleAddresses` and the partial-address diagnostics are left empty.
   */
  flowsOnly?: boolean;
}

export function compileNsx(estate: NsxEstate, options: CompileOptions = {}): CompiledNsx {
  const log = new ProblemLog();
  const segmentsByPath = new Map(estate.segments.map((s) => [s.path, s]));
  const vms: VmEndpoint[] = [];
  for (const vm of estate.vms) {
    try {
      vms.push(vmEndpoint(vm, segmentsByPath));
    } catch (error) {
      log.add({ severity: "error", code: "bad-address", subject: vm.id, message: `VM ${vm.name}: ${String(error)}` });
    }
  }
  for (const endpoint of vms) {
    if (endpoint.addresses.isEmpty()) {
      log.add({
        severity: "info",
        code: "vm-without-address",
        subject: endpoint.vm.id,
        message: `VM ${endpoint.vm.name} has no known address or segment subnet; only group rules can match it, in IPv4 and IPv6 alike`,
      });
    }
  }
  const groups = new GroupResolver(estate, log);
  const services = new ServiceResolver(estate.services, log);
  const rules = compileRuleTable(estate, groups, services, vms, log);
  if (options.flowsOnly) {
    const internal = internalSpace(
      vms,
      estate.segments.flatMap((s) => s.subnets),
    );
    return {
      estate,
      rules,
      vms,
      vmClasses: [],
      externalClasses: [],
      internal,
      ruleAddresses: IpSet.empty(),
      groups,
      problems: log.problems,
    };
  }

  const vmSpace = internalSpace(vms, []);
  // Only selectors whose addresses touch some VM address can match a VM partially (selectors are shared).
  const touchesVms = new Map<Selector, boolean>();
  const touches = (selector: Selector) => {
    let known = touchesVms.get(selector);
    if (known === undefined) {
      known = !selector.ips.isEmpty() && !selector.ips.intersect(vmSpace).isEmpty();
      touchesVms.set(selector, known);
    }
    return known;
  };
  // The VMs a selector matches only partly, in inventory order, once per (shared) selector: rules repeat
  // the same groups, and each rule × VM scan was quadratic on estates with many address groups.
  const partlyMatched = new Map<Selector, VmEndpoint[]>();
  let addressIndex: AddressIndex | undefined;
  const partly = (selector: Selector) => {
    let list = partlyMatched.get(selector);
    if (!list) {
      // Only VMs with an address in the selector's addresses can match partly.
      addressIndex ??= new AddressIndex(vms.map((vm) => vm.addresses));
      list = addressIndex
        .overlappingAny(selector.ips)
        .map((v) => vms[v])
        .filter((endpoint) => partialAddressMatch(selector, endpoint));
      partlyMatched.set(selector, list);
    }
    return list;
  };
  const distinctAddresses = new Set<IpSet>();
  for (const rule of rules) {
    distinctAddresses.add(rule.sources.ips).add(rule.destinations.ips);
    for (const selector of [rule.sources, rule.destinations]) {
      if (!touches(selector)) continue;
      for (const endpoint of partly(selector)) {
        // Not a broken reference: NSX matches per packet address, the model per VM and family.
        log.add({
          severity: "outside-model",
          code: "partial-address-match",
          subject: ruleSubject(rule.policy, rule.rule),
          message: `only some of ${endpointLabel(endpoint)}'s addresses of one family (${endpoint.addresses.toString()}) are in the rule's addresses; the VM is treated as not matched in that family`,
        });
      }
    }
  }
  const ruleAddresses = [...distinctAddresses].reduce((acc, ips) => acc.union(ips), IpSet.empty());
  const internal = internalSpace(
    vms,
    estate.segments.flatMap((s) => s.subnets),
  );
  return {
    estate,
    rules,
    vms,
    vmClasses: vmClasses(vms, rules),
    externalClasses: externalAtoms(internal, rules),
    internal,
    ruleAddresses,
    groups,
    problems: log.problems,
  };
}
