/** The vocabulary of an equivalence result: differences as classes of flows, each with a checked example. */
import type { FlowResult } from "../explain.ts";
import type { AddressFamily } from "../nsx/address-family.ts";
import type { Flow, TrafficSet } from "../sets/traffic-set.ts";

/** One side of a difference: a class of VMs (NSX names and their Kubernetes ids) or a block of external addresses. */
export type ClassMembers = { kind: "vms"; names: string[]; k8sIds: string[] } | { kind: "external"; addresses: string[] };

export interface DifferenceExample {
  /** NSX spelling: VM name or IP address. */
  src: string;
  dst: string;
  /** Kubernetes spelling: `ns/name[Kind]` or IP address. */
  k8sSrc: string;
  k8sDst: string;
  flow: Flow;
  family: AddressFamily;
}

export interface Difference {
  family: AddressFamily;
  src: ClassMembers;
  dst: ClassMembers;
  /** The symmetric difference, each part separately: allowed only by NSX, allowed only by Kubernetes. */
  traffic: { nsxOnly: TrafficSet; k8sOnly: TrafficSet };
  example: DifferenceExample;
  /** The example evaluated by each side's explainer: both verdicts and both deciding rules. */
  nsx: FlowResult;
  k8s: FlowResult;
  /** `explained-by-finding` when every flow of the difference lies in an excluded set of the listed findings. */
  status: "unexplained" | "explained-by-finding";
  /** Findings whose excluded flows overlap the difference (all of it when explained). */
  findingIds: string[];
}

/** Flows a translation reports as not carried over (e.g. ICMP), keyed by the finding that says so. */
export interface ExcludedFlows {
  /** VM names/ids or address literals; omitted = any source. */
  src?: readonly string[];
  dst?: readonly string[];
  traffic: TrafficSet;
  /** Only this address family (e.g. every IPv6 flow, which an IPv4-only cluster cannot carry); omitted = both. */
  family?: 4 | 6;
  findingId: string;
}

export interface EquivalenceStats {
  vms: number;
  matchedVms: number;
  nsxVmClasses: number;
  k8sClasses: number;
  /** Classes of the common refinement: VMs alike on both sides. */
  commonVmClasses: number;
  externalAtoms: number;
  /** Ordered class pairs compared (VM–VM and VM–external, each family counted once). */
  classPairs: number;
  /** Class pairs and differing pairs per address family (absent when pass 1 came from shards). */
  byFamily?: Record<AddressFamily, { classPairs: number; differences: number }>;
  nsxDistinctWalks: number;
  k8sDistinctWalks: number;
  distinctTrafficSets: number;
  differenceCount: number;
}

export interface EquivalenceResult {
  /** Exactly the same connections on both sides, and every VM has a Kubernetes counterpart. */
  equivalent: boolean;
  /** Equivalent once the excluded flows of the given findings are set aside. */
  equivalentExceptFindings: boolean;
  differences: Difference[];
  /** True when more differences exist than were detailed (`stats.differenceCount` counts all). */
  truncated: boolean;
  unmatchedVms: { name: string; reason: string }[];
  unmatchedK8s: string[];
  stats: EquivalenceStats;
}
