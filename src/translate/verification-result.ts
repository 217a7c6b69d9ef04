/**
 * The verification as the web stores it and a snapshot seals it (moved here from the server's verify job so
 * that `parity snapshot create` computes exactly the same result): the translation proved against its NSX
 * estate on the one exact engine, with the translation's findings as the declared exclusions — verdict,
 * differences (flow class, example flow, both sides' deciding rules), an application-level connectivity
 * heatmap of both sides, the engine's problems and the lint of the NSX rules. Pure.
 */
import type { FlowResult } from "../policy/explain.ts";
import {
  applicationHeatmap,
  appOf,
  type HeatmapCell,
  buildClusterModel,
  checkEquivalence,
  compileNsx,
  lintNsx,
  TrafficSet,
  type ClassMembers,
  type ClusterModel,
  type CompiledNsx,
  type ExcludedFlows,
  type Flow,
  type LintItem,
  type NsxEstate,
  type PointDifferences,
} from "../policy/index.ts";
import type { TFinding } from "./findings/finding.ts";

export { appOf };

/** What the correspondence needs of an emitted object (the server's object index entries have these fields). */
export interface TCorrespondenceEntry {
  kind: string;
  name: string;
  namespace?: string;
  vmId?: string;
  vmName?: string;
}

/** Differences detailed (each with both explanations) so every one is classified as explained or not. */
const MAX_DETAILED = 50_000;
/** Differences stored for the page: unexplained ones first. */
const MAX_STORED = 300;
const MAX_NAMES = 12;

export interface TStoredDifference {
  family: 4 | 6;
  src: { kind: "vms" | "external"; names: string[]; total: number };
  dst: { kind: "vms" | "external"; names: string[]; total: number };
  nsxOnly: string;
  k8sOnly: string;
  example: { src: string; dst: string; k8sSrc: string; k8sDst: string; flow: Flow; flowText: string };
  nsx: FlowResult;
  k8s: FlowResult;
  status: "unexplained" | "explained-by-finding";
  findingIds: string[];
}

export type THeatmapCell = HeatmapCell;

export interface TVerificationResult {
  equivalent: boolean;
  equivalentExceptFindings: boolean;
  truncated: boolean;
  /** Differing class pairs found (all) / detailed and classified (all unless `truncated`). */
  differenceCount: number;
  detailedCount?: number;
  /** Detailed differences not accounted for by any finding's excluded flows. */
  unexplained: number;
  /** Distinct findings accounting for the detailed explained differences (the verdict's M); absent on older rows. */
  accountingFindings?: number;
  /** Explained differences counted per group of findings that accounts for them (all detailed ones, not only the stored). */
  accountedByFindings?: { findingIds: string[]; count: number }[];
  /** The same per address family (an IPv4-only cluster loses what NSX allows over IPv6). */
  unexplainedByFamily?: { 4: number; 6: number };
  differences: TStoredDifference[];
  unmatchedVms: { name: string; reason: string }[];
  unmatchedK8s: string[];
  stats: Record<string, number>;
  /** The engine's work in the verifying process (walk states, interned traffic sets); varies with sharding. */
  work?: Record<string, number>;
  /**
   * Class pairs compared and differing pairs per address family. The IPv4 figures are the translation's
   * round trip's (it compares IPv4 only, the cluster network's family); absent on older rows.
   */
  byFamily?: Record<4 | 6, { classPairs: number; differences: number }>;
  heatmap: { axis: string[]; cells: THeatmapCell[] };
  problems: { severity: string; code: string; message: string; subject?: string }[];
  /** Shadowed, redundant, disabled rules, empty groups, unknown references (src/policy/lint); absent on older rows. */
  lint?: LintItem[];
  elapsedMs: number;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs shared by the job and the flow query

export function manifestFiles(files: Record<string, string>) {
  return Object.entries(files)
    .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml"))
    .map(([file, text]) => ({ file, text }));
}

/** NSX VM id and name → the KubeVirt VirtualMachine the translation labels (`ns/name[VirtualMachine]`). */
export function correspondenceOf(objects: readonly TCorrespondenceEntry[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const o of objects) {
    if (o.kind !== "VirtualMachine" || !o.namespace) continue;
    const id = `${o.namespace}/${o.name}[VirtualMachine]`;
    if (o.vmId) map.set(o.vmId, id);
    if (o.vmName && !map.has(o.vmName)) map.set(o.vmName, id);
  }
  return map;
}

export function exclusionsOf(findings: readonly TFinding[]): ExcludedFlows[] {
  const out: ExcludedFlows[] = [];
  for (const finding of findings) {
    for (const flow of finding.flows) {
      const src = [...flow.srcVms, ...flow.srcAddresses];
      const dst = [...flow.dstVms, ...flow.dstAddresses];
      out.push({
        ...(src.length > 0 ? { src } : {}),
        ...(dst.length > 0 ? { dst } : {}),
        ...(flow.family ? { family: flow.family } : {}),
        traffic: TrafficSet.fromJSON(flow.trafficJson),
        findingId: finding.id,
      });
    }
  }
  return out;
}

function members(side: ClassMembers): TStoredDifference["src"] {
  const names = side.kind === "vms" ? side.names : side.addresses;
  return { kind: side.kind, names: names.slice(0, MAX_NAMES), total: names.length };
}

export function flowText(flow: Flow): string {
  const name = { 1: "ICMP", 6: "TCP", 17: "UDP", 58: "ICMPv6", 132: "SCTP" }[flow.protocol] ?? `protocol ${flow.protocol}`;
  // A missing field means all of them: say so, the answer is then about a set of flows.
  if (flow.icmpType !== undefined)
    return `${name} type ${flow.icmpType}${flow.icmpCode !== undefined ? ` code ${flow.icmpCode}` : " (every code)"}`;
  if (flow.dstPort !== undefined) return `${name} ${flow.dstPort}${flow.srcPort !== undefined ? ` (from port ${flow.srcPort})` : ""}`;
  return flow.protocol === 1 || flow.protocol === 58 ? `${name} (every type)` : `${name} (every port)`;
}

/** Progress callback: phase "compare" counts classes; "heatmap" and "lint" mark the later phases. */
export type TVerifyProgress = (phase: "compare" | "heatmap" | "lint", done: number, total: number) => void;

/** What a verification compares: the compiled estate, the translation read back, and the declared exclusions. */
export interface TVerifyInputs {
  compiled: CompiledNsx;
  model: ClusterModel;
  correspondence: Map<string, string>;
  findings: readonly TFinding[];
}

export function verifyInputsOf(
  estate: NsxEstate,
  files: Record<string, string>,
  objects: readonly TCorrespondenceEntry[],
  findings: readonly TFinding[],
): TVerifyInputs {
  return {
    compiled: compileNsx(estate),
    model: buildClusterModel(manifestFiles(files)),
    correspondence: correspondenceOf(objects),
    findings,
  };
}

export function verifyForStorage(
  estate: NsxEstate,
  files: Record<string, string>,
  objects: readonly TCorrespondenceEntry[],
  findings: readonly TFinding[],
  progress?: TVerifyProgress,
): TVerificationResult {
  const started = Date.now();
  return verifyCompiled(verifyInputsOf(estate, files, objects, findings), progress, { started });
}

/**
 * The stored result from compiled inputs. `pointDifferences`: pass 1 already computed by shards
 * (server/jobs/verify-shards.ts); the result is the same either way.
 */
export function verifyCompiled(
  { compiled, model, correspondence, findings }: TVerifyInputs,
  progress?: TVerifyProgress,
  options: { started?: number; pointDifferences?: PointDifferences } = {},
): TVerificationResult {
  const started = options.started ?? Date.now();
  const equivalence = checkEquivalence(compiled, model, {
    correspondence,
    exclusions: exclusionsOf(findings),
    maxDifferences: MAX_DETAILED,
    ...(options.pointDifferences ? { pointDifferences: options.pointDifferences } : {}),
    onProgress: (done, total) => progress?.("compare", done, total),
  });
  progress?.("heatmap", 0, 1);
  const heatmap = applicationHeatmap(compiled, model, correspondence);
  progress?.("lint", 0, 1);
  const lint = lintNsx(compiled).items;
  // Unexplained first; then the explained ones taken in turn from each group of findings, so the stored few
  // hundred show every finding's differences (the report's examples per finding), not only the first group's.
  const groups = new Map<string, typeof equivalence.differences>();
  for (const d of equivalence.differences) {
    if (d.status === "unexplained") continue;
    const key = [...d.findingIds].sort().join("+");
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const interleaved: typeof equivalence.differences = [];
  const queues = [...groups.values()];
  for (let i = 0; interleaved.length < MAX_STORED && queues.some((q) => i < q.length); i++)
    for (const q of queues) if (i < q.length) interleaved.push(q[i]);
  const ordered = [...equivalence.differences.filter((d) => d.status === "unexplained"), ...interleaved];
  const unexplained = equivalence.differences.filter((d) => d.status === "unexplained").length;
  const differences: TStoredDifference[] = ordered.slice(0, MAX_STORED).map((d) => ({
    family: d.family,
    src: members(d.src),
    dst: members(d.dst),
    nsxOnly: d.traffic.nsxOnly.toString(),
    k8sOnly: d.traffic.k8sOnly.toString(),
    example: {
      src: d.example.src,
      dst: d.example.dst,
      k8sSrc: d.example.k8sSrc,
      k8sDst: d.example.k8sDst,
      flow: d.example.flow,
      flowText: flowText(d.example.flow),
    },
    nsx: d.nsx,
    k8s: d.k8s,
    status: d.status,
    findingIds: d.findingIds,
  }));
  // The engine's work counters depend on how pass 1 was split across processes; the result's stats do not.
  const { nsxDistinctWalks, k8sDistinctWalks, distinctTrafficSets, byFamily, ...resultStats } = equivalence.stats;
  const result: TVerificationResult = {
    equivalent: equivalence.equivalent,
    equivalentExceptFindings: equivalence.equivalentExceptFindings,
    truncated: equivalence.truncated,
    differenceCount: equivalence.stats.differenceCount,
    detailedCount: equivalence.differences.length,
    unexplained,
    accountedByFindings: [...groups.entries()].map(([key, list]) => ({ findingIds: key.split("+"), count: list.length })),
    accountingFindings: new Set(equivalence.differences.filter((d) => d.status !== "unexplained").flatMap((d) => d.findingIds)).size,
    unexplainedByFamily: {
      4: equivalence.differences.filter((d) => d.status === "unexplained" && d.family === 4).length,
      6: equivalence.differences.filter((d) => d.status === "unexplained" && d.family === 6).length,
    },
    differences,
    unmatchedVms: equivalence.unmatchedVms,
    unmatchedK8s: equivalence.unmatchedK8s.slice(0, 200),
    stats: resultStats,
    work: { nsxDistinctWalks, k8sDistinctWalks, distinctTrafficSets },
    ...(byFamily ? { byFamily } : {}),
    heatmap,
    lint,
    problems: [
      ...compiled.problems,
      ...model.errors.map((message) => ({ severity: "error" as const, code: "k8s-model", message })),
      ...model.warnings.map((message) => ({ severity: "info" as const, code: "k8s-model", message })),
    ],
    elapsedMs: Date.now() - started,
  };
  return result;
}
