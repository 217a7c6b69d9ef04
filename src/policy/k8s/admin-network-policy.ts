/**
 * AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) and
 * ClusterNetworkPolicy (v1alpha2, tiers Admin/Baseline) → normalised policies with ordered rules.
 */
import { IpSet } from "../sets/ip-set.ts";
import type { Direction, NormalisedPolicy, Peer, PolicyRule, PolicyStage, PortSpec, SourcePlace } from "./model.ts";
import { parseAddressesAt } from "./network-policy.ts";
import type { TAdminPeer, TAdminPort, TCnpProtocol } from "./schemas.ts";
import { ZAdminSubject } from "./schemas.ts";
import type { z } from "zod";
import { EVERYTHING, normaliseSelector } from "./selectors.ts";

type TAdminSubject = z.infer<typeof ZAdminSubject>;

export function subjectOf(subject: TAdminSubject): NormalisedPolicy["subject"] {
  if (subject.pods) {
    return {
      namespaces: { kind: "selector", selector: normaliseSelector(subject.pods.namespaceSelector) },
      pods: normaliseSelector(subject.pods.podSelector),
    };
  }
  return { namespaces: { kind: "selector", selector: normaliseSelector(subject.namespaces) }, pods: EVERYTHING };
}

/** One admin peer may carry several selectors in malformed input; each becomes its own peer (union). */
function peersOf(peer: TAdminPeer, source: SourcePlace, pointer: string, warnings: string[]): Peer[] {
  const peers: Peer[] = [];
  if (peer.namespaces)
    peers.push({ kind: "pods", namespaces: { kind: "selector", selector: normaliseSelector(peer.namespaces) }, pods: EVERYTHING });
  if (peer.pods) {
    peers.push({
      kind: "pods",
      namespaces: { kind: "selector", selector: normaliseSelector(peer.pods.namespaceSelector) },
      pods: normaliseSelector(peer.pods.podSelector),
    });
  }
  if (peer.networks)
    peers.push({
      kind: "addresses",
      addresses: parseAddressesAt(peer.networks, source, (i) => `${pointer}/networks/${i}`).intersect(IpSet.all()),
    });
  if (peer.nodes) {
    warnings.push(`${source.file} document ${source.documentIndex} at ${pointer}/nodes: nodes peers match nothing (no nodes are modelled)`);
    peers.push({ kind: "nodes", selector: normaliseSelector(peer.nodes) });
  }
  return peers;
}

function adminPortOf(port: TAdminPort): PortSpec[] {
  const specs: PortSpec[] = [];
  if (port.portNumber)
    specs.push({ kind: "numbers", protocol: port.portNumber.protocol ?? "TCP", from: port.portNumber.port, to: port.portNumber.port });
  if (port.portRange)
    specs.push({ kind: "numbers", protocol: port.portRange.protocol ?? "TCP", from: port.portRange.start, to: port.portRange.end });
  if (port.namedPort) specs.push({ kind: "named", name: port.namedPort });
  return specs;
}

function cnpProtocolOf(protocol: TCnpProtocol): PortSpec[] {
  const specs: PortSpec[] = [];
  for (const [key, name] of [
    ["tcp", "TCP"],
    ["udp", "UDP"],
    ["sctp", "SCTP"],
  ] as const) {
    const entry = protocol[key];
    if (!entry) continue;
    const port = entry.destinationPort;
    if (port?.number !== undefined && port?.number !== null)
      specs.push({ kind: "numbers", protocol: name, from: port.number, to: port.number });
    else if (port?.range) specs.push({ kind: "numbers", protocol: name, from: port.range.start, to: port.range.end });
    else specs.push({ kind: "numbers", protocol: name, from: 0, to: 65535 });
  }
  if (protocol.destinationNamedPort) specs.push({ kind: "named", name: protocol.destinationNamedPort });
  return specs;
}

interface RawAdminRule {
  name?: string | null;
  action: string;
  peers: readonly TAdminPeer[];
  ports?: PortSpec[];
}

function rulesOf(rules: readonly RawAdminRule[], source: SourcePlace, base: string, warnings: string[]): PolicyRule[] {
  return rules.map((rule, index) => ({
    index,
    name: rule.name ?? undefined,
    writtenAction: rule.action,
    action: rule.action === "Accept" ? "Allow" : (rule.action as PolicyRule["action"]),
    peers: rule.peers.flatMap((peer, i) =>
      peersOf(peer, source, `${base}/${index}/${base.endsWith("ingress") ? "from" : "to"}/${i}`, warnings),
    ),
    ports: rule.ports && rule.ports.length > 0 ? rule.ports : [{ kind: "all" }],
  }));
}

export interface AdminPolicyInput {
  kind: "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" | "ClusterNetworkPolicy";
  name: string;
  stage: Exclude<PolicyStage, "networkPolicy">;
  priority?: number;
  subject: TAdminSubject;
  ingress: readonly {
    name?: string | null;
    action: string;
    from: readonly TAdminPeer[];
    ports?: readonly TAdminPort[] | null;
    protocols?: readonly TCnpProtocol[] | null;
  }[];
  egress: readonly {
    name?: string | null;
    action: string;
    to: readonly TAdminPeer[];
    ports?: readonly TAdminPort[] | null;
    protocols?: readonly TCnpProtocol[] | null;
  }[];
}

function portsOf(rule: { ports?: readonly TAdminPort[] | null; protocols?: readonly TCnpProtocol[] | null }): PortSpec[] | undefined {
  if (rule.protocols) return rule.protocols.flatMap(cnpProtocolOf);
  if (rule.ports) return rule.ports.flatMap(adminPortOf);
  return undefined;
}

export function normaliseAdminPolicy(input: AdminPolicyInput, source: SourcePlace, warnings: string[]): NormalisedPolicy {
  const ingress = rulesOf(
    input.ingress.map((r) => ({ name: r.name, action: r.action, peers: r.from, ports: portsOf(r) })),
    source,
    "/spec/ingress",
    warnings,
  );
  const egress = rulesOf(
    input.egress.map((r) => ({ name: r.name, action: r.action, peers: r.to, ports: portsOf(r) })),
    source,
    "/spec/egress",
    warnings,
  );
  const directions = new Set<Direction>(["ingress", "egress"]);
  return {
    id: `${input.kind}/${input.name}`,
    stage: input.stage,
    priority: input.priority,
    subject: subjectOf(input.subject),
    directions,
    ingress,
    egress,
    source,
  };
}
