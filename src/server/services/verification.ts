/**
 * Verification: the verify job proves a stored translation against its estate version on the one exact
 * engine (src/policy/equivalence), with the translation's findings as the declared exclusions, and stores
 * what the equivalence page shows — verdict, differences (flow class, example flow, both sides' deciding
 * rules), an application-level connectivity heatmap of both sides, and the engine's problem list. Also
 * the "can A reach B?" query, evaluated on both sides with traces.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { FlowResult } from "../../policy/explain.ts";
import {
  buildClusterModel,
  compareEnforcementPoints,
  explainFlow,
  explainNsxFlow,
  K8sUnknownEndpointError as K8sUnknownEndpoint,
  NsxUnknownEndpointError as NsxUnknownEndpoint,
  protocolNumber,
  type ClusterModel,
  type CompiledNsx,
  type Flow,
} from "../../policy/index.ts";
import {
  appOf,
  correspondenceOf,
  exclusionsOf,
  flowText,
  manifestFiles,
  verifyCompiled,
  verifyInputsOf,
  type TVerifyInputs,
} from "../../translate/verification-result.ts";
import { z } from "zod";
import type { TVerificationResult } from "../../translate/verification-result.ts";
import { accountingFindingsOf } from "../../audit/verdict.ts";
import { AppError } from "../errors.ts";
import { collectPointDifferences, shardCount, type TVerifyShardInput } from "../jobs/verify-shards.ts";
import type { JobHandler } from "../jobs/run-job.ts";
import { compileForFlowQueries } from "./flow-engine.ts";
import { decodeJson, ZStoredDifferences, ZStoredEstate, ZStoredFindings, ZStoredManifests, ZVerificationOverview } from "./stored-json.ts";

export type { THeatmapCell, TStoredDifference, TVerificationResult } from "../../translate/verification-result.ts";
export { exclusionsOf } from "../../translate/verification-result.ts";

// ---------------------------------------------------------------------------------------------------------
// The verify job

/** The verify job's inputs from the database: the translation's estate version compiled and its manifests read back. */
async function verifyInputs(
  prisma: PrismaClient,
  estateId: string,
  translationId: string,
  progress?: Parameters<JobHandler>[0]["progress"],
): Promise<TVerifyInputs | { error: string }> {
  const translation = await prisma.translation.findFirst({ where: { id: translationId, estateId } });
  if (!translation) return { error: "The translation to verify no longer exists" };
  const estateRow = await prisma.estateImport.findUnique({ where: { id: translation.importId }, select: { estate: true, version: true } });
  if (!estateRow) return { error: "The estate version of this translation no longer exists" };
  const manifests = decodeJson(ZStoredManifests, translation.manifests, "translation manifests");
  const findings = decodeJson(ZStoredFindings, translation.findings, "translation findings");
  progress?.(
    {
      phase: "compile",
      percent: 5,
      message: `Compiling NSX estate v${estateRow.version} and the ${manifests.objects.length.toLocaleString("en")} Kubernetes objects`,
    },
    true,
  );
  return verifyInputsOf(decodeJson(ZStoredEstate, estateRow.estate, "estate version"), manifests.files, manifests.objects, findings);
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
  const result = verifyCompiled(
    inputs,
    (phase, done, total) => {
      if (phase === "compare")
        progress({
          phase: "compare",
          percent: 10 + Math.round((done / Math.max(total, 1)) * 75),
          message: `Comparing class ${done.toLocaleString("en")} of ${total.toLocaleString("en")}`,
        });
      else if (phase === "heatmap")
        progress({ phase: "heatmap", percent: 86, message: "Aggregating connectivity between applications" }, true);
      else progress({ phase: "lint", percent: 92, message: "Looking for shadowed and redundant rules" }, true);
    },
    { started, ...(pointDifferences ? { pointDifferences } : {}) },
  );
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

/** The stored result without its differences, and how many differences it lists (read with `verificationDifferences`). */
export type TVerificationOverview = Omit<TVerificationResult, "differences"> & { listedDifferences: number };

async function findVerification(prisma: PrismaClient, estateId: string, verificationId?: string) {
  const row = await prisma.verification.findFirst({
    where: verificationId ? { id: verificationId, estateId } : { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, translationId: true, equivalent: true },
  });
  if (!row && verificationId) throw new AppError("NOT_FOUND", "Verification not found");
  return row;
}

/**
 * The latest (or a given) verification without its differences: those (up to the stored limit, each with both
 * traces) are most of the stored result — 1.2 MB of 1.3 MB on the demo — and the page shows a window of them.
 */
export async function verificationSummary(prisma: PrismaClient, estateId: string, verificationId?: string) {
  const row = await findVerification(prisma, estateId, verificationId);
  if (!row) return null;
  const [stored] = await prisma.$queryRaw<{ result: unknown; listed: number }[]>`
    SELECT result - 'differences' AS result, COALESCE(jsonb_array_length(result -> 'differences'), 0)::int AS listed
    FROM "Verification" WHERE id = ${row.id}::uuid`;
  const latestTranslation = await prisma.translation.findFirst({
    where: { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const result: TVerificationOverview = {
    ...decodeJson(ZVerificationOverview, stored.result, "verification result"),
    listedDifferences: stored.listed,
  };
  if (result.accountingFindings === undefined && stored.listed > 0) {
    // Rows from before issue 13 did not store the finding count: it is counted from their differences once here.
    const [legacy] = await prisma.$queryRaw<{ differences: unknown }[]>`
      SELECT result -> 'differences' AS differences FROM "Verification" WHERE id = ${row.id}::uuid`;
    result.accountingFindings = accountingFindingsOf(decodeJson(ZStoredDifferences, legacy.differences, "verification differences"));
  }
  return {
    id: row.id,
    createdAt: row.createdAt,
    translationId: row.translationId,
    equivalent: row.equivalent,
    stale: latestTranslation?.id !== row.translationId,
    result,
  };
}

export const ZDifferenceWindow = z.object({
  verificationId: z.string().uuid().optional(),
  status: z.enum(["all", "unexplained", "explained-by-finding"]).default("all"),
  family: z.enum(["all", "4", "6"]).default("all"),
  offset: z.number().int().min(0).max(100_000).default(0),
  limit: z.number().int().min(1).max(100).default(25),
});
export type TDifferenceWindow = z.infer<typeof ZDifferenceWindow>;

/** A window of the stored differences, filtered by status and family, in stored order (the database slices). */
export async function verificationDifferences(prisma: PrismaClient, estateId: string, window: TDifferenceWindow) {
  const row = await findVerification(prisma, estateId, window.verificationId);
  if (!row) throw new AppError("NOT_FOUND", "Not verified yet");
  const [page] = await prisma.$queryRaw<{ total: number; items: unknown }[]>`
    WITH listed AS (
      SELECT e.d, e.n FROM "Verification" v, jsonb_array_elements(v.result -> 'differences') WITH ORDINALITY AS e(d, n)
      WHERE v.id = ${row.id}::uuid
        AND (${window.status}::text = 'all' OR e.d ->> 'status' = ${window.status}::text)
        AND (${window.family}::text = 'all' OR e.d ->> 'family' = ${window.family}::text)
    )
    SELECT (SELECT count(*)::int FROM listed) AS total,
      (SELECT COALESCE(jsonb_agg(w.d ORDER BY w.n), '[]'::jsonb)
        FROM (SELECT d, n FROM listed ORDER BY n OFFSET ${window.offset}::int LIMIT ${window.limit}::int) w) AS items`;
  return { total: page.total, items: decodeJson(ZStoredDifferences, page.items, "verification differences") };
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
  return remember(compiledCache, importId, compileForFlowQueries(decodeJson(ZStoredEstate, row.estate, "estate version")));
}

async function modelFor(prisma: PrismaClient, translationId: string) {
  const hit = modelCache.get(translationId);
  if (hit) return hit;
  const row = await prisma.translation.findUniqueOrThrow({ where: { id: translationId }, select: { manifests: true } });
  const manifests = decodeJson(ZStoredManifests, row.manifests, "translation manifests");
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
