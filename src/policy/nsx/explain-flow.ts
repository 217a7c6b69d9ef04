/**
 * `explainNsxFlow`: one concrete flow, decided at each vNIC it crosses, naming the policy and rule (or the
 * default rule) that decided — the shared `FlowResult` vocabulary the UI, CLI and audit PDF render.
 * Endpoints are VM ids or names, or IP addresses (a VM's own address stands for that VM).
 */
import { IpSet } from "../sets/ip-set.ts";
import { PROTOCOL, TrafficSet, type Flow } from "../sets/traffic-set.ts";
import { vmTakesPart, type Endpoint } from "./endpoint.ts";
import type { AddressFamily } from "./address-family.ts";
import type { CompiledNsx } from "./compile.ts";
import type { Decision, FlowResult, Verdict } from "../explain.ts";
import { decideTrafficAtVnic, type EnforcementPoint, type FlowDecisionAtVnic } from "./vnic-evaluation.ts";
import { combineFlowParts } from "../flow-parts.ts";

export class UnknownEndpointError extends Error {}

function resolveEndpoint(compiled: CompiledNsx, text: string): Endpoint {
  const vm = compiled.vms.find((e) => e.vm.id === text) ?? compiled.vms.find((e) => e.vm.name === text);
  if (vm) return vm;
  let address: IpSet;
  try {
    address = IpSet.parse(text);
  } catch {
    throw new UnknownEndpointError(`${text} is neither a VM id, a VM name nor an IP address`);
  }
  const owner = compiled.vms.find((e) => e.vm.ips.some((ip) => IpSet.parse(ip).equals(address)));
  if (owner) return owner;
  if (!address.intersect(compiled.internal).isEmpty()) {
    throw new UnknownEndpointError(`${text} is inside a segment subnet but belongs to no known VM`);
  }
  return { kind: "external", addresses: address };
}

function familyOf(endpoint: Endpoint): AddressFamily | undefined {
  if (endpoint.kind === "vm" && endpoint.addresses.isEmpty()) return undefined;
  if (!endpoint.addresses.intersect(IpSet.allV4()).isEmpty() && endpoint.addresses.intersect(IpSet.allV6()).isEmpty()) return 4;
  if (endpoint.addresses.intersect(IpSet.allV4()).isEmpty()) return 6;
  return undefined;
}

function chooseFamily(src: Endpoint, dst: Endpoint, flow: Flow): AddressFamily {
  if (flow.protocol === PROTOCOL.ICMPV6) return 6;
  if (flow.protocol === PROTOCOL.ICMP) return 4;
  const known = familyOf(src) ?? familyOf(dst);
  if (known) return known;
  const both = (f: AddressFamily) => [src, dst].every((e) => e.kind !== "vm" || vmTakesPart(e, f));
  return both(4) ? 4 : 6;
}

const VERDICT: Record<FlowDecisionAtVnic["action"], Verdict> = { ALLOW: "allow", DROP: "deny", REJECT: "reject" };

function toDecision(point: EnforcementPoint, decided: FlowDecisionAtVnic, defaultRuleId: string | undefined): Decision {
  const enforcementPoint = `vnic-${point.direction.toLowerCase()}:${point.vnic.vm.name}`;
  const jump = decided.jumpedBy ? ` after JUMP_TO_APPLICATION by ${decided.jumpedBy.policy.name}/${decided.jumpedBy.rule.name}` : "";
  if (!decided.rule) {
    return {
      side: "nsx",
      enforcementPoint,
      verdict: VERDICT[decided.action],
      action: "DEFAULT",
      isDefault: true,
      ...(defaultRuleId ? { ruleId: defaultRuleId } : {}),
      summary: `${enforcementPoint}: no rule matched${jump}; the default rule ${decided.action === "ALLOW" ? "allows" : "drops"} it`,
    };
  }
  const { policy, rule, indexInPolicy } = decided.rule;
  return {
    side: "nsx",
    enforcementPoint,
    verdict: VERDICT[decided.action],
    policy: policy.name,
    rule: rule.name,
    ruleId: rule.id,
    ruleIndex: indexInPolicy,
    action: rule.action,
    isDefault: false,
    summary: `${enforcementPoint}: ${rule.action} by ${decided.rule.category} policy ${policy.name}, rule ${rule.name} (${rule.id}, #${indexInPolicy})${jump}`,
  };
}

export function explainNsxFlow(
  compiled: CompiledNsx,
  src: string,
  dst: string,
  flow: Flow,
  options: { family?: AddressFamily } = {},
): FlowResult {
  const source = resolveEndpoint(compiled, src);
  const destination = resolveEndpoint(compiled, dst);
  const family = options.family ?? chooseFamily(source, destination, flow);
  if (source.kind === "external" && destination.kind === "external") {
    throw new UnknownEndpointError(`neither ${src} nor ${dst} is a VM: the DFW filters no vNIC on this path`);
  }
  const points: EnforcementPoint[] = [];
  if (source.kind === "vm") points.push({ vnic: source, direction: "OUT", peer: destination, family });
  if (destination.kind === "vm") points.push({ vnic: destination, direction: "IN", peer: source, family });
  // A flow without port / ICMP code is a set of flows: each part is decided by its own rule.
  const queried = TrafficSet.fromFlow(flow);
  const partitions = points.map((point) =>
    decideTrafficAtVnic(compiled.rules, compiled.estate.defaultAction, point, queried).map(({ traffic, decided }) => ({
      traffic,
      decision: toDecision(point, decided, compiled.estate.defaultRuleId),
    })),
  );
  return combineFlowParts("nsx", queried, partitions);
}
