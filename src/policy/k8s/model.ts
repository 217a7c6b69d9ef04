/**
 * The Kubernetes side of the engine, normalised: endpoints (workloads, pods, VMs), namespaces and the
 * policies of every kind reduced to one rule vocabulary that the evaluator walks. Plain data.
 */
import type { IpSet } from "../sets/ip-set.ts";

export type Labels = Readonly<Record<string, string>>;

export interface SourcePlace {
  file: string;
  /** 0-based document index in the file, and a JSON pointer inside it. */
  documentIndex: number;
  pointer: string;
}

export interface K8sNamespace {
  name: string;
  labels: Labels;
}

export interface NamedPort {
  name: string;
  /** TCP, UDP or SCTP. */
  protocol: "TCP" | "UDP" | "SCTP";
  port: number;
}

/** One connectivity endpoint: a workload (all its pods), a bare pod, or a KubeVirt VM. */
export interface K8sEndpoint {
  /** `namespace/name[Kind]`, the netpol-analyzer spelling. */
  id: string;
  namespace: string;
  name: string;
  kind: string;
  labels: Labels;
  namedPorts: readonly NamedPort[];
  source?: SourcePlace;
}

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: readonly { key: string; operator: SelectorOperator; values: readonly string[] }[];
}

/** Which namespaces a pod peer/subject lives in. */
export type NamespaceMatch = { kind: "selector"; selector: LabelSelector } | { kind: "names"; names: readonly string[] };

export type Peer =
  /** Every endpoint and every external address (NetworkPolicy rule without from/to). */
  | { kind: "any" }
  | { kind: "pods"; namespaces: NamespaceMatch; pods: LabelSelector }
  /** External addresses (pods' own IPs are not modelled, as in netpol-analyzer). */
  | { kind: "addresses"; addresses: IpSet }
  /** Kubernetes nodes: no nodes are modelled, so this matches nothing (reported as a warning). */
  | { kind: "nodes"; selector: LabelSelector };

export type PortSpec =
  | { kind: "all" }
  | { kind: "numbers"; protocol: "TCP" | "UDP" | "SCTP"; from: number; to: number }
  /** Resolved on the destination endpoint's container ports; `protocol` when the policy names one. */
  | { kind: "named"; name: string; protocol?: "TCP" | "UDP" | "SCTP" };

export type RuleAction = "Allow" | "Deny" | "Pass";
export type Direction = "ingress" | "egress";

export interface PolicyRule {
  /** Index within its policy's rules of this direction. */
  index: number;
  name?: string;
  action: RuleAction;
  peers: readonly Peer[];
  /** Union of the specs; `[{kind:"all"}]` when the rule names no ports. */
  ports: readonly PortSpec[];
  /** The action as written in the manifest (Allow, Accept, Deny, Pass). */
  writtenAction: string;
}

export type PolicyStage = "admin" | "networkPolicy" | "baseline";

/** Any policy object, normalised. NetworkPolicy rules are all Allow and combine by union. */
export interface NormalisedPolicy {
  /** `AdminNetworkPolicy/name`, `NetworkPolicy/ns/name`, `BaselineAdminNetworkPolicy/name`, `ClusterNetworkPolicy/name`. */
  id: string;
  stage: PolicyStage;
  /** Admin stage ordering: lower runs first. */
  priority?: number;
  /** Who the policy applies to: a namespace + selector (NetworkPolicy) or pods peer (ANP/BANP/CNP). */
  subject: { namespaces: NamespaceMatch; pods: LabelSelector };
  /** Directions the policy governs (NetworkPolicy policyTypes; admin kinds: directions with rules). */
  directions: ReadonlySet<Direction>;
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
  source?: SourcePlace;
}

export interface IgnoredObject {
  kind: string;
  name: string;
  reason: string;
  source: SourcePlace;
}

export interface ClusterModel {
  namespaces: ReadonlyMap<string, K8sNamespace>;
  endpoints: readonly K8sEndpoint[];
  /** Sorted: admin by priority, then network policies, then baseline. */
  policies: readonly NormalisedPolicy[];
  ignored: readonly IgnoredObject[];
  warnings: readonly string[];
  /** Problems that make the policy set invalid (e.g. equal ANP priorities); evaluation still proceeds. */
  errors: readonly string[];
}
