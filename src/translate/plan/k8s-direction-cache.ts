/**
 * The engine's `evaluateDirection`, memoised: its result depends only on which policies select the subject,
 * which rule peers match the other party, and the destination's named ports — so pairs that agree on those
 * share one evaluation. Used by the NetworkPolicy stage and by the round trip.
 */
import {
  evaluateDirection,
  policySelects,
  type Direction,
  type NormalisedPolicy,
  peerMatches,
  type Party,
  TrafficSet,
} from "../../policy/index.ts";

export interface DirectionOutcome {
  allowed: TrafficSet;
  /** Traffic an admin-stage rule allowed or denied (not passed). */
  decidedByAdmin: TrafficSet;
  /** Admin-stage steps, for soundness checks: outcome and traffic. */
  adminSteps: readonly { policy: string; rule: string; outcome: "allow" | "deny"; traffic: TrafficSet }[];
}

export class K8sDirectionCache {
  private readonly selecting = new Map<string, WeakMap<Party, { key: string; policies: NormalisedPolicy[] }>>();
  private readonly results = new Map<string, DirectionOutcome>();

  constructor(private readonly policies: readonly NormalisedPolicy[]) {}

  private selectingFor(direction: Direction, subject: Party): { key: string; policies: NormalisedPolicy[] } {
    let map = this.selecting.get(direction);
    if (!map) this.selecting.set(direction, (map = new WeakMap()));
    let entry = map.get(subject);
    if (!entry) {
      const policies = this.policies.filter((p) => policySelects(p, subject, direction));
      entry = { key: policies.map((p) => p.id).join("\u0001"), policies };
      map.set(subject, entry);
    }
    return entry;
  }

  evaluate(direction: Direction, subject: Party, peer: Party): DirectionOutcome {
    const { key, policies } = this.selectingFor(direction, subject);
    let bits = "";
    for (const policy of policies) for (const rule of policy[direction]) bits += rule.peers.some((p) => peerMatches(p, peer)) ? "1" : "0";
    const destination = direction === "ingress" ? subject : peer;
    const ports =
      destination.kind === "endpoint" && destination.endpoint.namedPorts.length > 0 ? JSON.stringify(destination.endpoint.namedPorts) : "";
    const cacheKey = `${direction}|${key}|${bits}|${ports}`;
    let outcome = this.results.get(cacheKey);
    if (!outcome) {
      const result = evaluateDirection(policies, direction, subject, peer);
      let decided = TrafficSet.empty();
      const adminSteps: DirectionOutcome["adminSteps"][number][] = [];
      for (const step of result.steps) {
        if (step.kind !== "rule" || step.policy?.stage !== "admin" || step.outcome === "pass") continue;
        decided = decided.union(step.traffic);
        adminSteps.push({
          policy: step.policy.id,
          rule: step.rule?.name ?? String(step.rule?.index ?? ""),
          outcome: step.outcome,
          traffic: step.traffic,
        });
      }
      outcome = { allowed: result.allowed, decidedByAdmin: decided, adminSteps };
      this.results.set(cacheKey, outcome);
    }
    return outcome;
  }
}
