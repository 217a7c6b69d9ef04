/**
 * One enforcement point, exactly and over sets: what traffic the subject endpoint admits to/from a peer in
 * one direction. Stages: admin (first match over sets: Allow/Deny decide, Pass defers), then
 * NetworkPolicies (if any selects the subject for this direction: union allows, the rest is denied),
 * then baseline (first match), then the default allow. Every step records the traffic it decided.
 */
import { TrafficSet } from "../sets/traffic-set.ts";
import type { Direction, NormalisedPolicy, PolicyRule } from "./model.ts";
import { peerMatches, podsMatch, type Party } from "./party.ts";
import { portsTraffic } from "./rule-traffic.ts";

export type StepOutcome = "allow" | "deny" | "pass";

export interface DecisionStep {
  policy?: NormalisedPolicy;
  rule?: PolicyRule;
  /** `rule` when a rule matched, `isolation` when NPs select the subject and none allowed, `default` allow. */
  kind: "rule" | "isolation" | "default";
  outcome: StepOutcome;
  traffic: TrafficSet;
}

export interface DirectionResult {
  allowed: TrafficSet;
  steps: DecisionStep[];
}

export function policySelects(policy: NormalisedPolicy, subject: Party, direction: Direction): boolean {
  return policy.directions.has(direction) && podsMatch(policy.subject.namespaces, policy.subject.pods, subject);
}

function ruleTraffic(rule: PolicyRule, direction: Direction, subject: Party, peer: Party): TrafficSet {
  if (!rule.peers.some((p) => peerMatches(p, peer))) return TrafficSet.empty();
  const destination = direction === "ingress" ? subject : peer;
  return portsTraffic(rule.ports, destination.kind === "endpoint" ? destination.endpoint : undefined);
}

/** First match over sets through ordered rules; returns what was not decided (remaining ∪ passed). */
function firstMatch(
  policies: readonly NormalisedPolicy[],
  direction: Direction,
  subject: Party,
  peer: Party,
  traffic: TrafficSet,
  steps: DecisionStep[],
): { allowed: TrafficSet; undecided: TrafficSet } {
  let remaining = traffic;
  let allowed = TrafficSet.empty();
  let passed = TrafficSet.empty();
  for (const policy of policies) {
    for (const rule of policy[direction]) {
      if (remaining.isEmpty()) break;
      const matched = remaining.intersect(ruleTraffic(rule, direction, subject, peer));
      if (matched.isEmpty()) continue;
      const outcome: StepOutcome = rule.action === "Allow" ? "allow" : rule.action === "Deny" ? "deny" : "pass";
      steps.push({ policy, rule, kind: "rule", outcome, traffic: matched });
      if (outcome === "allow") allowed = allowed.union(matched);
      if (outcome === "pass") passed = passed.union(matched);
      remaining = remaining.subtract(matched);
    }
  }
  return { allowed, undecided: remaining.union(passed) };
}

/**
 * `subject` is where the policy is enforced (source for egress, destination for ingress); `peer` the
 * other side. `policies` must be ordered (see orderPolicies). `traffic` defaults to everything.
 */
export function evaluateDirection(
  policies: readonly NormalisedPolicy[],
  direction: Direction,
  subject: Party,
  peer: Party,
  traffic: TrafficSet = TrafficSet.all(),
): DirectionResult {
  const steps: DecisionStep[] = [];
  const selecting = policies.filter((p) => policySelects(p, subject, direction));
  const admin = firstMatch(
    selecting.filter((p) => p.stage === "admin"),
    direction,
    subject,
    peer,
    traffic,
    steps,
  );
  let allowed = admin.allowed;
  let undecided = admin.undecided;

  const networkPolicies = selecting.filter((p) => p.stage === "networkPolicy");
  if (networkPolicies.length > 0 && !undecided.isEmpty()) {
    let npAllowed = TrafficSet.empty();
    for (const policy of networkPolicies) {
      for (const rule of policy[direction]) {
        const matched = undecided.intersect(ruleTraffic(rule, direction, subject, peer)).subtract(npAllowed);
        if (matched.isEmpty()) continue;
        steps.push({ policy, rule, kind: "rule", outcome: "allow", traffic: matched });
        npAllowed = npAllowed.union(matched);
      }
    }
    const isolated = undecided.subtract(npAllowed);
    if (!isolated.isEmpty()) steps.push({ policy: networkPolicies[0], kind: "isolation", outcome: "deny", traffic: isolated });
    return { allowed: allowed.union(npAllowed), steps };
  }

  const baseline = firstMatch(
    selecting.filter((p) => p.stage === "baseline"),
    direction,
    subject,
    peer,
    undecided,
    steps,
  );
  allowed = allowed.union(baseline.allowed);
  undecided = baseline.undecided;
  if (!undecided.isEmpty()) steps.push({ kind: "default", outcome: "allow", traffic: undecided });
  return { allowed: allowed.union(undecided), steps };
}
