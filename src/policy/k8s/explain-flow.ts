/**
 * Why one flow is allowed or denied on the Kubernetes side: per enforcement point (egress at the source
 * endpoint, ingress at the destination endpoint; externals enforce nothing), the rule or default that
 * decided. Uses the same set-based walk as connectivity, so the verdict always agrees with membership
 * of the flow in the computed connectivity.
 */
import type { Decision, FlowResult } from "../explain.ts";
import { combineFlowParts, type DecidedTraffic } from "../flow-parts.ts";
import { IpSet } from "../sets/ip-set.ts";
import { TrafficSet, type Flow } from "../sets/traffic-set.ts";
import { evaluateDirection, type DecisionStep } from "./evaluate-direction.ts";
import type { ClusterModel, Direction } from "./model.ts";
import { partyName, type Party } from "./party.ts";

export class UnknownEndpointError extends Error {
  constructor(readonly text: string) {
    super(`"${text}" is neither an endpoint (ns/name[Kind]) of the cluster nor an IP address/range`);
    this.name = "UnknownEndpointError";
  }
}

/** `ns/name[Kind]` of a known endpoint, or an external IP address / CIDR / range. */
export function resolveParty(model: ClusterModel, text: string): Party {
  const endpoint = model.endpoints.find((e) => e.id === text);
  if (endpoint) return { kind: "endpoint", endpoint, namespace: model.namespaces.get(endpoint.namespace)! };
  try {
    return { kind: "external", addresses: IpSet.parse(text.replace(/\[External\]$/, "")) };
  } catch {
    throw new UnknownEndpointError(text);
  }
}

function describeStep(
  step: DecisionStep,
  direction: Direction,
): Pick<Decision, "policy" | "rule" | "ruleIndex" | "action" | "isDefault"> & { text: string } {
  if (step.kind === "rule") {
    const rule = step.rule!;
    const ruleLabel = rule.name ?? `${direction}[${rule.index}]`;
    return {
      policy: step.policy!.id,
      rule: ruleLabel,
      ruleIndex: rule.index,
      action: rule.writtenAction,
      isDefault: false,
      text: `${step.policy!.id} rule ${ruleLabel} (${rule.writtenAction})`,
    };
  }
  if (step.kind === "isolation") {
    return {
      policy: step.policy!.id,
      action: "DEFAULT",
      isDefault: true,
      text: `no NetworkPolicy rule allows it; selected by ${step.policy!.id} (isolated for ${direction})`,
    };
  }
  return { action: "DEFAULT", isDefault: true, text: "no policy decides: Kubernetes default allow" };
}

/** One enforcement point's decisions over the queried traffic: one per step that decided some of it. */
function decide(model: ClusterModel, direction: Direction, subject: Party, peer: Party, traffic: TrafficSet): DecidedTraffic[] {
  const { steps } = evaluateDirection(model.policies, direction, subject, peer, traffic);
  const point = `${direction}:${partyName(subject)}`;
  // Final steps (allow / deny) partition the traffic; a Pass that some of it went through is named too.
  return steps
    .filter((s) => s.outcome !== "pass")
    .map((deciding) => {
      const allows = deciding.outcome === "allow";
      const passedBy = steps.find((s) => s.outcome === "pass" && !s.traffic.intersect(deciding.traffic).isEmpty());
      const described = describeStep(deciding, direction);
      const via = passedBy ? ` after Pass by ${passedBy.policy!.id} rule ${passedBy.rule!.name ?? passedBy.rule!.index}` : "";
      const decision: Decision = {
        side: "k8s",
        enforcementPoint: point,
        verdict: allows ? "allow" : "deny",
        policy: described.policy,
        rule: described.rule,
        ruleIndex: described.ruleIndex,
        action: described.action,
        isDefault: described.isDefault,
        summary: `${point}: ${allows ? "allowed" : "denied"} by ${described.text}${via}`,
      };
      return { traffic: deciding.traffic, decision };
    });
}

/**
 * A flow with every field given is a single connection; a missing port/type/code means all of them. Each
 * part of that set is decided by its own rules; the verdict is `partial` when the parts disagree.
 */
export function explainFlow(model: ClusterModel, src: string, dst: string, flow: Flow): FlowResult {
  const source = resolveParty(model, src);
  const destination = resolveParty(model, dst);
  const traffic = TrafficSet.fromFlow(flow);
  const points: DecidedTraffic[][] = [];
  if (source.kind === "endpoint") points.push(decide(model, "egress", source, destination, traffic));
  if (destination.kind === "endpoint") points.push(decide(model, "ingress", destination, source, traffic));
  return combineFlowParts("k8s", traffic, points);
}
