/**
 * The engine state the "can A reach B?" query needs, built without the class partition. `explainNsxFlow`
 * decides one flow from the ordered rule table, the VM endpoints and the internal address space; the VM
 * classes and external atoms that `compileNsx` also computes serve all-pairs connectivity and equivalence,
 * and at 50,000 VMs they are nearly all of its cost (about 26 of 27 s). The same engine functions build what
 * is kept; a unit test checks that both compiles explain flows identically.
 */
import { compileNsx, type CompiledNsx } from "../../policy/nsx/compile.ts";
import { vmEndpoint, type VmEndpoint } from "../../policy/nsx/endpoint.ts";
import { internalSpace } from "../../policy/nsx/endpoint-classes.ts";
import { GroupResolver } from "../../policy/nsx/group-membership.ts";
import type { NsxEstate } from "../../policy/nsx/model.ts";
import { ProblemLog } from "../../policy/nsx/problems.ts";
import { compileRuleTable } from "../../policy/nsx/rule-table.ts";
import { ServiceResolver } from "../../policy/nsx/services.ts";
import { IpSet } from "../../policy/sets/ip-set.ts";

/** Small estates take the full compile (cheap there); large ones skip the classes the query does not read. */
const FULL_COMPILE_BELOW_VMS = 5_000;

export function compileForFlowQueries(estate: NsxEstate, options: { light?: boolean } = {}): CompiledNsx {
  const light = options.light ?? estate.vms.length >= FULL_COMPILE_BELOW_VMS;
  if (!light) return compileNsx(estate);
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
  const groups = new GroupResolver(estate, log);
  const rules = compileRuleTable(estate, groups, new ServiceResolver(estate.services, log), vms, log);
  return {
    estate,
    rules,
    vms,
    vmClasses: [],
    externalClasses: [],
    internal: internalSpace(
      vms,
      estate.segments.flatMap((s) => s.subnets),
    ),
    ruleAddresses: IpSet.empty(),
    groups,
    problems: log.problems,
  };
}
