/**
 * Verification: the verify job proves a stored translation against its estate version on the one exact
 * engine (src/policy/equivalence), with the translation's findings as the declared exclusions, and stores
 * what the equivalence page shows — verdict, differences (flow class, example flow, both sides' deciding
 * rules), an application-level connectivity heatmap of both sides, and the engine's problem list. Also
 * the "can A reach B?" query, evaluated on both sides with traces.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FlowResult } from "../../policy/explain.ts";
import { applicationHeatmap, appOf, type HeatmapCell } from "../../policy/heatmap/application-heatmap.ts";
import type { LintItem } from "../../policy/lint/lint-item.ts";
import { lintNsx } from "../../policy/lint/lint-rules.ts";
import { checkEquivalence } from "../../policy/equivalence/check-equivalence.ts";
import type { ClassMembers, ExcludedFlows } from "../../policy/equivalence/difference.ts";
import { buildClusterModel } from "../../policy/k8s/cluster-model.ts";
import { explainFlow, UnknownEndpointError as K8sUnknownEndpoint } from "../../policy/k8s/explain-flow.ts";
import type { ClusterModel } from "../../policy/k8s/model.ts";
import { compileNsx, type CompiledNsx } from "../../policy/nsx/compile.ts";
import { explainNsxFlow, UnknownEndpointError as NsxUnknownEndpoint } from "../../policy/nsx/explain-flow.ts";
import type { NsxEstate } from "../../policy/nsx/model.ts";
import { protocolNumber, TrafficSet, type Flow } from "../../policy/sets/traffic-set.ts";
import type { TFinding } from "../../translate/findings/finding.ts";
import { AppError } from "../errors.ts";
import type { JobHandler } from "../jobs/run-job.ts";
import { compileForFlowQueries } from "./flow-engine.ts";
import { compareEnforcementPoints } from "../../policy/equivalence/check-equivalence.ts";
import { collectPointDifferences, shardCount, type TVerifyShardInput } from "../jobs/verify-shards.ts";
import type { TObjectIndexEntry } from "./translations.ts";

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
  /** The same per address family (an IPv4-only cluster loses what NSX allows over IPv6). */
  unexplainedByFamily?: { 4: number; 6: number };
  differences: TStoredDifference[];
  unmatchedVms: { name: string; reason: string }[];
  unmatchedK8s: string[];
  stats: Record<string, number>;
  /** The engine's work in the verify job's own process (walk states, interned traffic sets); varies with sharding. */
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

function manifestFiles(files: Record<string, string>) {
  return Object.entries(files)
    .filter(([path]) => path.endsWith(".yaml") && !path.endsWith("kustomization.yaml"))
    .map(([file, text]) => ({ file, text }));
}

/** NSX VM id and name → the KubeVirt VirtualMachine the translation labels (`ns/name[VirtualMachine]`). */
function correspondenceOf(objects: readonly TObjectIndexEntry[]): Map<string, string> {
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

function flowText(flow: Flow): string {
  const name = { 1: "ICMP", 6: "TCP", 17: "UDP", 58: "ICMPv6", 132: "SCTP" }[flow.protocol] ?? `protocol ${flow.protocol}`;
  // A missing field means all of them: say so, the answer is then about a set of flows.
  if (flow.icmpType !== undefined)
    return `${name} type ${flow.icmpType}${flow.icmpCode !== undefined ? ` code ${flow.icmpCode}` : " (every code)"}`;
  if (flow.dstPort !== undefined) return `${name} ${flow.dstPort}${flow.srcPort !== undefined ? ` (from port ${flow.srcPort})` : ""}`;
  return flow.protocol === 1 || flow.protocol === 58 ? `${name} (every type)` : `${name} (every port)`;
}

// ---------------------------------------------------------------------------------------------------------
// The verify job

/** What the verify job and its shards compare: the compiled estate and the translation read back. */
async function verifyInputs(
  prisma: PrismaClient,
  estateId: string,
  translationId: string,
  progress?: Parameters<JobHandler>[0]["progress"],
): Promise<{ compiled: CompiledNsx; model: ClusterModel; correspondence: Map<string, string>; findings: TFinding[] } | { error: string }> {
  const translation = await prisma.translation.findFirst({ where: { id: translationId, estateId } });
  if (!translation) return { error: "The translation to verify no longer exists" };
  const estateRow = await prisma.estateImport.findUnique({ where: { id: translation.importId }, select: { estate: true, version: true } });
  if (!estateRow) return { error: "The estate version of this translation no longer exists" };
  const manifests = translation.manifests as unknown as { files: Record<string, string>; objects: TObjectIndexEntry[] };
  progress?.(
    {
      phase: "compile",
      percent: 5,
      message: `Compiling NSX estate v${estateRow.version} and the ${manifests.objects.length.toLocaleString("en")} Kubernetes objects`,
    },
    true,
  );
  return {
    compiled: compileNsx(estateRow.estate as unknown as NsxEstate),
    model: buildClusterModel(manifestFiles(manifests.files)),
    correspondence: correspondenceOf(manifests.objects),
    findings: translation.findings as unknown as TFinding[],
  };
}

/** One shard of a sharded verification's pass 1 (jobs/verify-shards.ts); its result is the shard's differing points. */
export const runVerifyShardJob: JobHandler = async ({ prisma, job }) => {
  const input = job.input as TVerifyShardInput;
  const inputs = await verifyInputs(prisma, job.estateId, input.translationId);
  if ("error" in inputs) return { failed: true, error: inputs.error, result: null };
  const { compiled, model, correspondence, findings } = inputs;
  const shard = { index: input.index, count: input.count };
  return { result: compareEnforcementPoints(compiled, model, { correspondence, exclusions: exclusionsOf(findings) }, shard) };
};

export const runVerifyJob: JobHandler = async ({ prisma, job, progress }) => {
  const { translationId, shards } = job.input as { translationId: string; shards?: number };
  const started = Date.now();
  const inputs = await verifyInputs(prisma, job.estateId, translationId, progress);
  if ("error" in inputs) return { failed: true, error: inputs.error, result: null };
  const { compiled, model, correspondence, findings } = inputs;
  const count = shardCount(shards);
  // Pass 1 across workers (jobs/verify-shards.ts) when sharded; the result is the same either way.
  const pointDifferences =
    count > 1
      ? await collectPointDifferences({
          prisma,
          parent: job,
          translationId,
          count,
          own: () => compareEnforcementPoints(compiled, model, { correspondence, exclusions: exclusionsOf(findings) }, { index: 0, count }),
          runShard: runVerifyShardJob,
          onShardDone: (done, total) =>
            progress(
              { phase: "compare", percent: 10 + Math.round((done / total) * 60), message: `Compared shard ${done} of ${total}` },
              true,
            ),
        })
      : undefined;
  const equivalence = checkEquivalence(compiled, model, {
    correspondence,
    exclusions: exclusionsOf(findings),
    maxDifferences: MAX_DETAILED,
    ...(pointDifferences ? { pointDifferences } : {}),
    onProgress: (done, total) =>
      progress({
        phase: "compare",
        percent: 10 + Math.round((done / Math.max(total, 1)) * 75),
        message: `Comparing class ${done.toLocaleString("en")} of ${total.toLocaleString("en")}`,
      }),
  });
  progress({ phase: "heatmap", percent: 86, message: "Aggregating connectivity between applications" }, true);
  const heatmap = applicationHeatmap(compiled, model, correspondence);
  progress({ phase: "lint", percent: 92, message: "Looking for shadowed and redundant rules" }, true);
  const lint = lintNsx(compiled).items;
  const ordered = [
    ...equivalence.differences.filter((d) => d.status === "unexplained"),
    ...equivalence.differences.filter((d) => d.status !== "unexplained"),
  ];
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
  const stored = await prisma.verification.create({
    data: { estateId: job.estateId, translationId, equivalent: result.equivalent, result: result as object },
  });
  return {
    result: {
      verificationId: stored.id,
      equivalent: result.equivalent,
      equivalentExceptFindings: result.equivalentExceptFindings,
      differenceCount: result.differenceCount,
    },
  };
};

// ---------------------------------------------------------------------------------------------------------
// Reads

export async function verificationSummary(prisma: PrismaClient, estateId: string, verificationId?: string) {
  const row = await prisma.verification.findFirst({
    where: verificationId ? { id: verificationId, estateId } : { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, translationId: true, equivalent: true, result: true },
  });
  if (!row) {
    if (verificationId) throw new AppError("NOT_FOUND", "Verification not found");
    return null;
  }
  const latestTranslation = await prisma.translation.findFirst({
    where: { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return {
    id: row.id,
    createdAt: row.createdAt,
    translationId: row.translationId,
    equivalent: row.equivalent,
    stale: latestTranslation?.id !== row.translationId,
    result: row.result as unknown as TVerificationResult,
  };
}

// In-process caches for the flow query: compiling a large estate takes seconds, queries then take milliseconds.
const compiledCache = new Map<string, CompiledNsx>();
const modelCache = new Map<string, { model: ClusterModel; correspondence: Map<string, string> }>();
function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  cache.set(key, value);
  while (cache.size > 3) cache.delete(cache.keys().next().value as string);
  return value;
}

async function compiledFor(prisma: PrismaClient, importId: string): Promise<CompiledNsx> {
  const hit = compiledCache.get(importId);
  if (hit) return hit;
  const row = await prisma.estateImport.findUniqueOrThrow({ where: { id: importId }, select: { estate: true } });
  return remember(compiledCache, importId, compileForFlowQueries(row.estate as unknown as NsxEstate));
}

async function modelFor(prisma: PrismaClient, translationId: string) {
  const hit = modelCache.get(translationId);
  if (hit) return hit;
  const row = await prisma.translation.findUniqueOrThrow({ where: { id: translationId }, select: { manifests: true } });
  const manifests = row.manifests as unknown as { files: Record<string, string>; objects: TObjectIndexEntry[] };
  return remember(modelCache, translationId, {
    model: buildClusterModel(manifestFiles(manifests.files)),
    correspondence: correspondenceOf(manifests.objects),
  });
}

export interface TFlowQuery {
  src: string;
  dst: string;
  protocol: string;
  port?: number;
  icmpType?: number;
}

/** "Can A reach B on port P?" on NSX (vNIC OUT/IN) and, when a translation exists, on Kubernetes (egress/ingress). */
export async function flowQuery(prisma: PrismaClient, estateId: string, query: TFlowQuery) {
  const translation = await prisma.translation.findFirst({
    where: { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true, importId: true },
  });
  const importId =
    translation?.importId ??
    (await prisma.estateImport.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { id: true } }))?.id;
  if (!importId) throw new AppError("BAD_REQUEST", "Import an estate first");
  let protocol: number;
  try {
    protocol = protocolNumber(query.protocol);
  } catch {
    throw new AppError("BAD_REQUEST", `Unknown protocol ${query.protocol}`);
  }
  const flow: Flow = {
    protocol,
    ...(query.port !== undefined ? { dstPort: query.port } : {}),
    ...(query.icmpType !== undefined ? { icmpType: query.icmpType } : {}),
  };
  const compiled = await compiledFor(prisma, importId);
  let nsx: FlowResult;
  try {
    nsx = explainNsxFlow(compiled, query.src.trim(), query.dst.trim(), flow);
  } catch (error) {
    if (error instanceof NsxUnknownEndpoint) throw new AppError("BAD_REQUEST", error.message);
    throw error;
  }
  let k8s: FlowResult | null = null;
  let k8sSrc: string | null = null;
  let k8sDst: string | null = null;
  if (translation) {
    const { model, correspondence } = await modelFor(prisma, translation.id);
    const spell = (text: string) => {
      const vm = compiled.vms.find((e) => e.vm.id === text || e.vm.name === text);
      return vm ? (correspondence.get(vm.vm.id) ?? correspondence.get(vm.vm.name) ?? text) : text;
    };
    k8sSrc = spell(query.src.trim());
    k8sDst = spell(query.dst.trim());
    try {
      k8s = explainFlow(model, k8sSrc, k8sDst, flow);
    } catch (error) {
      if (!(error instanceof K8sUnknownEndpoint)) throw error;
      k8s = null;
    }
  }
  return {
    flow,
    flowText: flowText(flow),
    nsx,
    k8s,
    k8sSrc,
    k8sDst,
    translationId: translation?.id ?? null,
    // Over a set of flows the sides agree when they allow exactly the same part of it.
    agree: k8s
      ? nsx.allowed !== undefined && k8s.allowed !== undefined
        ? nsx.allowed === k8s.allowed
        : (nsx.verdict === "allow") === (k8s.verdict === "allow")
      : null,
  };
}

/** VM names for the query form's suggestions (by prefix/substring, at most 30). */
export async function endpointSuggestions(prisma: PrismaClient, estateId: string, search: string) {
  const row = await prisma.estateImport.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { id: true } });
  if (!row) return [];
  const compiled = await compiledFor(prisma, row.id);
  const needle = search.trim().toLowerCase();
  const out: { name: string; ip: string; app: string }[] = [];
  for (const e of compiled.vms) {
    if (needle && !e.vm.name.toLowerCase().includes(needle)) continue;
    out.push({ name: e.vm.name, ip: e.vm.ips[0] ?? "", app: appOf(e.vm) });
    if (out.length >= 30) break;
  }
  return out;
}
