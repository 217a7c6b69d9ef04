/**
 * The NSX first-match walk at one enforcement point (the steps of `allowedAtVnic`), recording per rule
 * what it could match there, what it actually decided, and who decided the rest before it. Optionally one
 * rule is left out, to ask whether removing it changes any decision.
 */
import { TrafficSet } from "../sets/traffic-set.ts";
import { familyTraffic, type AddressFamily } from "../nsx/address-family.ts";
import type { NsxEstate } from "../nsx/model.ts";
import type { CompiledRule } from "../nsx/rule-table.ts";

export interface RuleTrace {
  /** Traffic the rule matches here were it first (its services within the family). */
  matchable: TrafficSet;
  /** Traffic the rule decides here. */
  decided: TrafficSet;
  /** Earlier rules (indices into the walked list) that decided part of what it could match. */
  coveredBy: number[];
}

export interface PointOutcome {
  allowed: TrafficSet;
  rejected: TrafficSet;
  /** What each rule of the list decided (empty for rules left out). */
  traces: RuleTrace[];
  /** Traffic the default rule decided. */
  byDefault: TrafficSet;
}

export function tracePoint(
  rules: readonly CompiledRule[],
  defaultAction: NsxEstate["defaultAction"],
  family: AddressFamily,
  leaveOut?: number,
): PointOutcome {
  const universe = familyTraffic(family);
  let remaining = universe;
  let jumped = TrafficSet.empty();
  let allowed = TrafficSet.empty();
  let rejected = TrafficSet.empty();
  let inApplication = false;
  const traces: RuleTrace[] = [];
  rules.forEach((rule, index) => {
    const matchable = rule.traffic.intersect(universe);
    if (index === leaveOut) {
      traces.push({ matchable, decided: TrafficSet.empty(), coveredBy: [] });
      return;
    }
    if (rule.category === "Application" && !inApplication) {
      inApplication = true;
      remaining = remaining.union(jumped);
      jumped = TrafficSet.empty();
    }
    const decided = remaining.intersect(rule.traffic);
    const coveredBy: number[] = [];
    if (!matchable.subtract(decided).isEmpty()) {
      traces.forEach((earlier, e) => {
        // Traffic a jump sent on comes back in Application: the jump covers only non-Application rules.
        const jumpReturned =
          rules[e].rule.action === "JUMP_TO_APPLICATION" && rules[e].category !== "Application" && rule.category === "Application";
        if (!jumpReturned && !earlier.decided.intersect(matchable).isEmpty()) coveredBy.push(e);
      });
    }
    traces.push({ matchable, decided, coveredBy });
    if (decided.isEmpty()) return;
    remaining = remaining.subtract(decided);
    const action = rule.rule.action;
    if (action === "ALLOW") allowed = allowed.union(decided);
    else if (action === "REJECT") rejected = rejected.union(decided);
    else if (action === "JUMP_TO_APPLICATION") jumped = jumped.union(decided);
  });
  const byDefault = remaining.union(jumped);
  if (defaultAction === "ALLOW") allowed = allowed.union(byDefault);
  if (defaultAction === "REJECT") rejected = rejected.union(byDefault);
  return { allowed, rejected, traces, byDefault };
}
