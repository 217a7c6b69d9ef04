/**
 * One enforcement point: the DFW filter on a VM's vNIC, in one direction. Rules are walked in order with
 * the traffic not yet decided; the first rule that matches a packet decides it. JUMP_TO_APPLICATION takes
 * the matched traffic past every remaining non-Application rule. What no rule decides falls to the default.
 */
import { TrafficSet, type Flow } from "../sets/traffic-set.ts";
import { familyTraffic, ruleCoversFamily, type AddressFamily } from "./address-family.ts";
import type { Endpoint, VmEndpoint } from "./endpoint.ts";
import type { NsxEstate } from "./model.ts";
import type { CompiledRule } from "./rule-table.ts";
import { selectorMatches } from "./selector.ts";

export type VnicDirection = "IN" | "OUT";

export interface EnforcementPoint {
  vnic: VmEndpoint;
  direction: VnicDirection;
  /** The other end of the flow. */
  peer: Endpoint;
  family: AddressFamily;
}

/** Whether a rule applies to packets at this enforcement point (everything but the traffic). */
export function ruleApplies(rule: CompiledRule, point: EnforcementPoint): boolean {
  const { direction: ruleDirection, ipProtocol } = rule.rule;
  if (ruleDirection !== "IN_OUT" && ruleDirection !== point.direction) return false;
  if (!ruleCoversFamily(ipProtocol, point.family)) return false;
  if (!rule.appliedTo.any && !rule.appliedTo.vmIds.has(point.vnic.vm.id)) return false;
  const [source, destination] = point.direction === "OUT" ? [point.vnic, point.peer] : [point.peer, point.vnic];
  return selectorMatches(rule.sources, source, point.family) && selectorMatches(rule.destinations, destination, point.family);
}

/** The exact set of traffic this enforcement point allows. */
export function allowedAtVnic(
  rules: readonly CompiledRule[],
  defaultAction: NsxEstate["defaultAction"],
  point: EnforcementPoint,
): TrafficSet {
  let remaining = familyTraffic(point.family);
  let jumped = TrafficSet.empty();
  let allowed = TrafficSet.empty();
  let inApplication = false;
  for (const rule of rules) {
    if (rule.category === "Application" && !inApplication) {
      inApplication = true;
      remaining = remaining.union(jumped);
      jumped = TrafficSet.empty();
    }
    // Nothing undecided here; traffic that jumped still waits for the Application category.
    if (remaining.isEmpty()) {
      if (jumped.isEmpty()) break;
      continue;
    }
    if (!ruleApplies(rule, point)) continue;
    const matched = remaining.intersect(rule.traffic);
    if (matched.isEmpty()) continue;
    remaining = remaining.subtract(matched);
    if (rule.rule.action === "ALLOW") allowed = allowed.union(matched);
    else if (rule.rule.action === "JUMP_TO_APPLICATION" && !inApplication) jumped = jumped.union(matched);
    // DROP / REJECT: decided, not allowed. A jump inside Application has nowhere to go: it ends evaluation
    // of that traffic in NSX's rule table, so it falls to the default below.
    else if (rule.rule.action === "JUMP_TO_APPLICATION") jumped = jumped.union(matched);
  }
  remaining = remaining.union(jumped);
  return defaultAction === "ALLOW" ? allowed.union(remaining) : allowed;
}

export interface FlowDecisionAtVnic {
  /** The rule that decided, or undefined for the default rule. */
  rule?: CompiledRule;
  /** The JUMP_TO_APPLICATION rule the flow passed through, if any. */
  jumpedBy?: CompiledRule;
  action: "ALLOW" | "DROP" | "REJECT";
}

/** The same walk for one concrete flow, naming the deciding rule. */
export function decideFlowAtVnic(
  rules: readonly CompiledRule[],
  defaultAction: NsxEstate["defaultAction"],
  point: EnforcementPoint,
  flow: Flow,
): FlowDecisionAtVnic {
  let jumpedBy: CompiledRule | undefined;
  for (const rule of rules) {
    if (jumpedBy && rule.category !== "Application") continue;
    if (!ruleApplies(rule, point) || !rule.traffic.contains(flow)) continue;
    if (rule.rule.action === "JUMP_TO_APPLICATION") {
      if (rule.category === "Application") break;
      jumpedBy = rule;
      continue;
    }
    return { rule, action: rule.rule.action, ...(jumpedBy ? { jumpedBy } : {}) };
  }
  return { action: defaultAction, ...(jumpedBy ? { jumpedBy } : {}) };
}

/** Traffic not decided yet, remembering the JUMP_TO_APPLICATION it passed through (if any). */
interface PendingTraffic {
  traffic: TrafficSet;
  jumpedBy?: CompiledRule;
}

/**
 * The same walk over a set of flows: the parts of `traffic` (within the point's family) each decided by one
 * rule or the default. For a single flow it names exactly the rule `decideFlowAtVnic` names.
 */
export function decideTrafficAtVnic(
  rules: readonly CompiledRule[],
  defaultAction: NsxEstate["defaultAction"],
  point: EnforcementPoint,
  traffic: TrafficSet,
): { traffic: TrafficSet; decided: FlowDecisionAtVnic }[] {
  const out: { traffic: TrafficSet; decided: FlowDecisionAtVnic }[] = [];
  let pending: PendingTraffic[] = [{ traffic: traffic.intersect(familyTraffic(point.family)) }];
  const toDefault = (p: PendingTraffic) =>
    out.push({ traffic: p.traffic, decided: { action: defaultAction, ...(p.jumpedBy ? { jumpedBy: p.jumpedBy } : {}) } });
  for (const rule of rules) {
    pending = pending.filter((p) => !p.traffic.isEmpty());
    if (pending.length === 0) break;
    const inApplication = rule.category === "Application";
    // Traffic that jumped waits for the Application category.
    if (!inApplication && pending.every((p) => p.jumpedBy)) continue;
    if (!ruleApplies(rule, point)) continue;
    const added: PendingTraffic[] = [];
    for (const p of pending) {
      if (p.jumpedBy && !inApplication) continue;
      const matched = p.traffic.intersect(rule.traffic);
      if (matched.isEmpty()) continue;
      p.traffic = p.traffic.subtract(matched);
      if (rule.rule.action === "JUMP_TO_APPLICATION") {
        // A jump inside Application has nowhere to go: the default decides (as in decideFlowAtVnic).
        if (inApplication) toDefault({ traffic: matched, ...(p.jumpedBy ? { jumpedBy: p.jumpedBy } : {}) });
        else added.push({ traffic: matched, jumpedBy: rule });
      } else out.push({ traffic: matched, decided: { rule, action: rule.rule.action, ...(p.jumpedBy ? { jumpedBy: p.jumpedBy } : {}) } });
    }
    pending.push(...added);
  }
  for (const p of pending) if (!p.traffic.isEmpty()) toDefault(p);
  return out;
}
