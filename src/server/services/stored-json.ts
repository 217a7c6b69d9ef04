/**
 * Decoders for the JSON columns. Prisma types a JSON column as `JsonValue`; every service reads one through
 * a decoder here instead of casting, so a row written by an older version (or edited beneath Parity) fails
 * loudly at the read with the column and the place, instead of rendering `undefined` deep in a page.
 * Each schema is annotated with the type its writer declares, so tsc keeps writer and reader in step.
 * Engine structures nested inside (flow traces, lint items, the normalised estate) are checked on the
 * fields the server reads; the engine owns their full shape.
 */
import { z } from "zod";
import { ZNsxEstate } from "../../audit/snapshot-model.ts";
import type { FlowResult } from "../../policy/explain.ts";
import type { ImportReport } from "../../ingest/types.ts";
import type { LintItem, NsxEstate } from "../../policy/index.ts";
import { ZFinding, type TFinding } from "../../translate/findings/finding.ts";
import type { TGroupDigest, TEstateSummary, TRef, TRuleRow } from "./rule-rows.ts";
import type { TObjectIndexEntry, TRoundTrip, TStoredSummary } from "./translations.ts";
import type { THeatmapCell, TStoredDifference, TVerificationResult } from "./verification.ts";

/** Parses `value` or throws a plain Error naming the column (not a ZodError: its issues are not for users). */
export function decodeJson<T>(schema: z.ZodType<T>, value: unknown, column: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`Stored ${column} does not have the expected shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
}

const ZSource = z.object({ file: z.string(), where: z.string() });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

// ---------------------------------------------------------------------------------------------------------
// Rules explorer read model (RuleRow.row, ImportDigest.summary / groups)

const ZRef: z.ZodType<TRef> = z.object({
  ref: z.string(),
  label: z.string(),
  kind: z.enum(["any", "group", "address", "segment", "service", "unknown"]),
  detail: z.string().optional(),
});

export const ZRuleRow: z.ZodType<TRuleRow> = z.object({
  position: z.number(),
  category: z.string(),
  policyId: z.string(),
  policyName: z.string(),
  policySequence: z.number(),
  order: z.number(),
  id: z.string(),
  ruleId: z.number().optional(),
  name: z.string(),
  sequenceNumber: z.number(),
  action: z.string(),
  direction: z.string(),
  ipProtocol: z.string(),
  logged: z.boolean(),
  disabled: z.boolean(),
  sources: z.array(ZRef),
  sourcesExcluded: z.boolean(),
  destinations: z.array(ZRef),
  destinationsExcluded: z.boolean(),
  services: z.array(ZRef),
  appliedTo: z.array(ZRef),
  appliedToFrom: z.enum(["policy", "rule"]),
  profiles: z.array(z.string()),
  notes: z.string().optional(),
  tag: z.string().optional(),
  source: ZSource.optional(),
});

export const ZGroupDigests: z.ZodType<TGroupDigest[]> = z.array(
  z.object({
    path: z.string(),
    name: z.string(),
    expression: z.string(),
    memberCount: z.number(),
    members: z.array(z.string()),
    addresses: z.array(z.string()),
    source: ZSource.optional(),
  }),
);

export const ZEstateSummary: z.ZodType<TEstateSummary> = z.object({
  rules: z.number(),
  enabledRules: z.number(),
  logged: z.number(),
  byCategory: z.array(
    z.object({
      category: z.string(),
      ALLOW: z.number(),
      DROP: z.number(),
      REJECT: z.number(),
      JUMP_TO_APPLICATION: z.number(),
      disabled: z.number(),
    }),
  ),
  byAction: z.record(z.string(), z.number()),
  applications: z.array(z.object({ app: z.string(), vms: z.number() })),
  defaultAction: z.string(),
});

// ---------------------------------------------------------------------------------------------------------
// Estate versions (EstateImport.estate)

/** The normalised estate, checked on its top-level collections and every policy's rules (src/audit's schema). */
export const ZStoredEstate: z.ZodType<NsxEstate> = ZNsxEstate;

/** An import's report (src/ingest owns its shape): checked on the lists the report view walks. */
export const ZStoredImportReport = z.custom<ImportReport>(
  (value) =>
    isRecord(value) && isRecord(value.counts) && ["unresolved", "warnings", "errors", "files"].every((key) => Array.isArray(value[key])),
  "expected an import report (counts, unresolved, warnings, errors, files)",
);

// ---------------------------------------------------------------------------------------------------------
// Translations (Translation.manifests / findings / summary)

export const ZObjectIndexEntry: z.ZodType<TObjectIndexEntry> = z.object({
  path: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  category: z.string().optional(),
  ruleIds: z.array(z.string()),
  vmId: z.string().optional(),
  vmName: z.string().optional(),
});

export const ZObjectIndex = z.array(ZObjectIndexEntry);

export const ZStoredManifests = z.object({
  files: z.record(z.string(), z.string()),
  objects: ZObjectIndex,
});

export const ZStoredFindings: z.ZodType<TFinding[]> = z.array(ZFinding);

const ZRoundTrip: z.ZodType<TRoundTrip> = z.object({
  equivalent: z.boolean(),
  unexplained: z.number(),
  explained: z.number(),
  accountingFindings: z.number().optional(),
  unmappedVms: z.number(),
  manifestErrors: z.number(),
  pairsCompared: z.number(),
  elapsedMs: z.number(),
  examples: z.array(z.object({ src: z.string(), dst: z.string(), lost: z.string(), added: z.string() })),
});

export const ZStoredSummary: z.ZodType<TStoredSummary> = z.object({
  api: z.enum(["v1alpha1", "v1alpha2"]),
  vms: z.number(),
  namespaces: z.number(),
  adminNetworkPolicies: z.number(),
  adminRules: z.number(),
  baseline: z.boolean(),
  networkPolicies: z.number(),
  networkPolicyRules: z.number(),
  materialisedLabels: z.number(),
  translationClasses: z.number(),
  externalBlocks: z.number(),
  findings: z.record(z.string(), z.number()),
  adminOverflow: z.string().optional(),
  unsound: z.array(z.string()),
  elapsedMs: z.number(),
  profileVersion: z.number(),
  importVersion: z.number(),
  objectCount: z.number(),
  fileCount: z.number(),
  findingsBySeverity: z.record(z.string(), z.number()),
  roundTrip: ZRoundTrip.optional(),
});

// ---------------------------------------------------------------------------------------------------------
// Verifications (Verification.result)

/** A flow's trace on one side: verdict and decisions are what the pages read. */
const ZFlowResult = z.custom<FlowResult>(
  (value) => isRecord(value) && typeof value.verdict === "string" && Array.isArray(value.decisions),
  "expected a flow trace (verdict, decisions)",
);
const ZLintItem = z.custom<LintItem>(
  (value) => isRecord(value) && typeof value.kind === "string" && typeof value.ruleId === "string" && typeof value.message === "string",
  "expected a lint item (kind, ruleId, message)",
);
const ZClassSide = z.object({ kind: z.enum(["vms", "external"]), names: z.array(z.string()), total: z.number() });

const ZStoredDifference: z.ZodType<TStoredDifference> = z.object({
  family: z.union([z.literal(4), z.literal(6)]),
  src: ZClassSide,
  dst: ZClassSide,
  nsxOnly: z.string(),
  k8sOnly: z.string(),
  example: z.object({
    src: z.string(),
    dst: z.string(),
    k8sSrc: z.string(),
    k8sDst: z.string(),
    flow: z.custom<TStoredDifference["example"]["flow"]>(isRecord, "expected a flow"),
    flowText: z.string(),
  }),
  nsx: ZFlowResult,
  k8s: ZFlowResult,
  status: z.enum(["unexplained", "explained-by-finding"]),
  findingIds: z.array(z.string()),
});

const ZHeatmapCell: z.ZodType<THeatmapCell> = z.object({
  src: z.string(),
  dst: z.string(),
  nsx: z.string(),
  k8s: z.string(),
  state: z.enum(["none", "same", "nsx-only", "k8s-only", "mixed"]),
});

const ZVerificationFields = z.object({
  equivalent: z.boolean(),
  equivalentExceptFindings: z.boolean(),
  truncated: z.boolean(),
  differenceCount: z.number(),
  detailedCount: z.number().optional(),
  unexplained: z.number(),
  accountingFindings: z.number().optional(),
  accountedByFindings: z.array(z.object({ findingIds: z.array(z.string()), count: z.number() })).optional(),
  unexplainedByFamily: z.object({ 4: z.number(), 6: z.number() }).optional(),
  differences: z.array(ZStoredDifference),
  unmatchedVms: z.array(z.object({ name: z.string(), reason: z.string() })),
  unmatchedK8s: z.array(z.string()),
  stats: z.record(z.string(), z.number()),
  work: z.record(z.string(), z.number()).optional(),
  byFamily: z
    .object({
      4: z.object({ classPairs: z.number(), differences: z.number() }),
      6: z.object({ classPairs: z.number(), differences: z.number() }),
    })
    .optional(),
  heatmap: z.object({ axis: z.array(z.string()), cells: z.array(ZHeatmapCell) }),
  problems: z.array(z.object({ severity: z.string(), code: z.string(), message: z.string(), subject: z.string().optional() })),
  lint: z.array(ZLintItem).optional(),
  elapsedMs: z.number(),
});
export const ZVerificationResult: z.ZodType<TVerificationResult> = ZVerificationFields;
/** The stored result without its differences (pages read those a window at a time). */
export const ZVerificationOverview = ZVerificationFields.omit({ differences: true });
export const ZStoredDifferences = z.array(ZStoredDifference);

// ---------------------------------------------------------------------------------------------------------
// Jobs (Job.progress / input)

/** What a running job reports (src/server/jobs/progress.ts writes it). */
export const ZJobProgress = z.object({
  phase: z.string().optional(),
  percent: z.number().nullable().optional(),
  message: z.string().optional(),
});
export type TJobProgressView = z.infer<typeof ZJobProgress>;
