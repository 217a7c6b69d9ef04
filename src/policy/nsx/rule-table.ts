/**
 * The DFW rule table in evaluation order: categories Ethernet → Emergency → Infrastructure → Environment →
 * Application; within a category, policies by sequence number; within a policy, rules by sequence number.
 * File order is only the stable tiebreak for equal sequence numbers. Each rule is resolved once (selectors,
 * Applied-To, traffic); a policy's Applied-To, when not ANY, replaces its rules' own.
 */
import type { TrafficSet } from "../sets/traffic-set.ts";
import type { VmEndpoint } from "./endpoint.ts";
import type { GroupResolver } from "./group-membership.ts";
import { NSX_CATEGORIES, type NsxCategory, type NsxEstate, type NsxPolicy, type NsxRule } from "./model.ts";
import type { ProblemLog } from "./problems.ts";
import { buildPeerSelector, buildScopeSelector, isAny, type Selector } from "./selector.ts";
import type { ServiceResolver } from "./services.ts";

export interface CompiledRule {
  policy: NsxPolicy;
  rule: NsxRule;
  category: NsxCategory;
  /** Position in the policy's evaluation order (0-based). */
  indexInPolicy: number;
  sources: Selector;
  destinations: Selector;
  appliedTo: Selector;
  traffic: TrafficSet;
}

function bySequence<T extends { sequenceNumber: number }>(items: readonly T[]): T[] {
  return items
    .map((item, fileIndex) => ({ item, fileIndex }))
    .sort((a, b) => a.item.sequenceNumber - b.item.sequenceNumber || a.fileIndex - b.fileIndex)
    .map(({ item }) => item);
}

export function ruleSubject(policy: NsxPolicy, rule: NsxRule): string {
  return `${policy.name}/${rule.name} (${rule.id})`;
}

export function compileRuleTable(
  estate: NsxEstate,
  groups: GroupResolver,
  services: ServiceResolver,
  vms: readonly VmEndpoint[],
  log: ProblemLog,
): CompiledRule[] {
  const segments = new Map(estate.segments.map((s) => [s.path, s]));
  const table: CompiledRule[] = [];
  for (const category of NSX_CATEGORIES) {
    for (const policy of bySequence(estate.policies.filter((p) => p.category === category))) {
      if (category === "Ethernet") {
        log.add({
          severity: "outside-model",
          code: "ethernet-category",
          subject: policy.name,
          message: `policy ${policy.name} is in the Ethernet (Layer 2) category; its ${policy.rules.length} rule(s) are outside the L3 model and not evaluated`,
        });
        continue;
      }
      const policyScope = isAny(policy.scope) ? undefined : policy.scope;
      bySequence(policy.rules).forEach((rule, indexInPolicy) => {
        const subject = ruleSubject(policy, rule);
        if (rule.disabled) return;
        if (rule.profiles.length > 0) {
          log.add({
            severity: "outside-model",
            code: "l7-profile",
            subject,
            message: `context profiles ${rule.profiles.join(", ")} (L7) are not modelled; the rule is evaluated on L3/L4 only`,
          });
        }
        if (rule.action === "JUMP_TO_APPLICATION" && category !== "Environment") {
          log.add({
            severity: "error",
            code: "jump-outside-environment",
            subject,
            message: `JUMP_TO_APPLICATION is only valid in the Environment category (found in ${category}); it is applied as a jump anyway`,
          });
        }
        table.push({
          policy,
          rule,
          category,
          indexInPolicy,
          sources: buildPeerSelector(rule.sources, rule.sourcesExcluded, groups, log, subject),
          destinations: buildPeerSelector(rule.destinations, rule.destinationsExcluded, groups, log, subject),
          appliedTo: buildScopeSelector(policyScope ?? rule.scope, groups, segments, vms, log, subject),
          traffic: services.ruleTraffic(rule, subject),
        });
      });
    }
  }
  return table;
}
