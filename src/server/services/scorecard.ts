/**
 * Platform scorecards (issue #8): the pure library src/scorecard fed with the estate's latest import, the
 * latest translation's findings for that import (OVE coverage), the engine's group membership (exact Azure
 * NSG counts) and the architects' versioned input (weights + score overrides).
 *
 * Versions are append-only: every edit stores a new ScorecardVersion with the complete input, who and when
 * (a database trigger rejects UPDATE). Reading a version rebuilds the scorecard from that input.
 */
import { z, ZodError } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { NsxEstate } from "../../policy/nsx/model.ts";
import { AhpInconsistentError, AhpInputError } from "../../scorecard/ahp.ts";
import type { TGroupMembership } from "../../scorecard/azure-nsg-flattening.ts";
import { membershipFromEngine, type TUnresolvedGroup } from "../../scorecard/engine-membership.ts";
import { ZTranslationFinding, type TTranslationFinding } from "../../scorecard/estate-coverage.ts";
import { scoreDetailsToCsv, scorecardToCsv } from "../../scorecard/export/csv.ts";
import { scorecardToPdf } from "../../scorecard/export/pdf.ts";
import { buildScorecard, ZScoreOverride, type TScorecard, type TScoreOverride } from "../../scorecard/scorecard.ts";
import { resolveWeights, WeightSpecError, ZWeightSpec, type TWeightSpec } from "../../scorecard/weights.ts";
import { SEED_CATALOGUE } from "../../scorecard/criteria/catalogue.ts";
import { ZPlatformId } from "../../scorecard/platforms.ts";
import { AppError } from "../errors.ts";
import type { SessionUser } from "../auth/session.ts";
import { latestEstate } from "./imports.ts";
import { decodeJson, ZStoredEstate } from "./stored-json.ts";

/** Monte Carlo settings of the stored scorecard; the browser preview uses the same ones (same seed, same result). */
export const SCORECARD_MONTE_CARLO = { samples: 10_000, seed: 1, concentration: 100 } as const;

/** What one ScorecardVersion stores: the complete architects' input, plus what this edit changed. */
export const ZScorecardInput = z.object({
  /** null: equal weights. */
  weights: ZWeightSpec.nullable(),
  scoreOverrides: z.array(ZScoreOverride),
  change: z.object({ kind: z.enum(["weights", "score", "score-reset"]), summary: z.string() }),
});
export type TScorecardInput = z.infer<typeof ZScorecardInput>;

const EMPTY_INPUT: TScorecardInput = { weights: null, scoreOverrides: [], change: { kind: "weights", summary: "initial" } };

export const ZScoreEdit = z.object({
  criterionId: z.string().min(1).max(100),
  platform: ZPlatformId,
  score: z.number().min(0).max(5),
  rationale: z.string().trim().min(1).max(4000),
  evidence: ZScoreOverride.shape.evidence,
  date: ZScoreOverride.shape.date,
});
export type TScoreEdit = z.infer<typeof ZScoreEdit>;

// ---------------------------------------------------------------------------------------------------------
// Estate inputs: latest import, its translation's findings, engine membership (cached per import/translation)

export interface TEstateSource {
  importId: string;
  importVersion: number;
  importedAt: Date;
  /** findings: per-rule findings fed to the coverage; bySeverity: the translation's own severity counts. */
  translation: { id: string; createdAt: Date; findings: number; ignored: number; bySeverity: Record<string, number> } | null;
  membership: { resolvedGroups: number; unresolved: TUnresolvedGroup[] };
}

interface EstateInputs {
  estate: NsxEstate;
  findings?: TTranslationFinding[];
  membership: TGroupMembership;
  source: TEstateSource;
}

const estateCache = new Map<string, EstateInputs>();
const CACHE_LIMIT = 16;

/** A translation finding as src/translate stores it (only the fields the scorecard needs). */
const ZStoredFinding = z.object({
  code: z.string(),
  severity: z.enum(["critical", "high", "medium", "low", "info"]),
  ruleIds: z.array(z.string()),
  /** lost/added: the manifests change reachability for these rules; none: no reachability change. */
  effect: z.enum(["none", "lost", "added"]).optional(),
});

/**
 * The translation's findings as the library's per-rule findings. A rule is NOT expressible without loss
 * (severity "error") when a finding on it changes reachability (effect lost/added) or is critical/high;
 * medium findings are warnings, low/info are informational. Also accepts already-mapped
 * {ruleId, severity: error|warning|info, kind} entries. Returns the translation's own severity counts too.
 */
export function parseTranslationFindings(raw: unknown): {
  findings: TTranslationFinding[];
  ignored: number;
  bySeverity: Record<string, number>;
} {
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === "object" && Array.isArray((raw as { findings?: unknown }).findings)
      ? (raw as { findings: unknown[] }).findings
      : [];
  const findings: TTranslationFinding[] = [];
  const bySeverity: Record<string, number> = {};
  let ignored = 0;
  for (const item of list) {
    const stored = ZStoredFinding.safeParse(item);
    if (stored.success) {
      const f = stored.data;
      bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      const severity =
        (f.effect !== undefined && f.effect !== "none") || f.severity === "critical" || f.severity === "high"
          ? "error"
          : f.severity === "medium"
            ? "warning"
            : "info";
      for (const ruleId of f.ruleIds) findings.push({ ruleId, severity, kind: f.code });
      continue;
    }
    const mapped = ZTranslationFinding.safeParse(item);
    if (mapped.success) {
      findings.push(mapped.data);
      bySeverity[mapped.data.severity] = (bySeverity[mapped.data.severity] ?? 0) + 1;
    } else ignored++;
  }
  return { findings, ignored, bySeverity };
}

async function estateInputs(prisma: PrismaClient, estateId: string): Promise<EstateInputs | null> {
  const row = await latestEstate(prisma, estateId);
  if (!row) return null;
  // Findings name rule ids of the import they translated: only a translation of this import counts.
  const translation = await prisma.translation.findFirst({
    where: { estateId, importId: row.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
  const key = `${row.id}/${translation?.id ?? "-"}`;
  const cached = estateCache.get(key);
  if (cached) return cached;
  const estate = decodeJson(ZStoredEstate, row.estate, "estate version");
  let parsed: ReturnType<typeof parseTranslationFindings> | undefined;
  if (translation) {
    const full = await prisma.translation.findUniqueOrThrow({ where: { id: translation.id }, select: { findings: true } });
    parsed = parseTranslationFindings(full.findings);
  }
  const engine = membershipFromEngine(estate);
  const inputs: EstateInputs = {
    estate,
    findings: parsed?.findings,
    membership: engine.membership,
    source: {
      importId: row.id,
      importVersion: row.version,
      importedAt: row.createdAt,
      translation:
        translation && parsed
          ? {
              id: translation.id,
              createdAt: translation.createdAt,
              findings: parsed.findings.length,
              ignored: parsed.ignored,
              bySeverity: parsed.bySeverity,
            }
          : null,
      membership: { resolvedGroups: engine.resolvedGroups, unresolved: engine.unresolved },
    },
  };
  if (estateCache.size >= CACHE_LIMIT) estateCache.delete(estateCache.keys().next().value as string);
  estateCache.set(key, inputs);
  return inputs;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

async function authors(prisma: PrismaClient, ids: (string | null)[]) {
  const known = [...new Set(ids.filter((id): id is string => !!id))];
  const users = await prisma.user.findMany({ where: { id: { in: known } }, select: { id: true, name: true, email: true, role: true } });
  return new Map(users.map((u) => [u.id, u]));
}

function parseInput(raw: unknown): TScorecardInput {
  const parsed = ZScorecardInput.safeParse(raw);
  // A stored version that no longer validates (e.g. an old shape) is shown, not silently replaced.
  if (!parsed.success)
    throw new AppError("CONFLICT", "This scorecard version cannot be read by this Parity version", z.prettifyError(parsed.error));
  return parsed.data;
}

/** Library errors in weights/overrides are the user's input problems: BAD_REQUEST with the detail. */
function asInputError(error: unknown): never {
  if (error instanceof AhpInconsistentError)
    throw new AppError("BAD_REQUEST", error.message, {
      kind: "ahp-inconsistent",
      label: error.label,
      cr: error.cr,
      threshold: error.threshold,
    });
  if (error instanceof AhpInputError || error instanceof WeightSpecError) throw new AppError("BAD_REQUEST", error.message);
  if (error instanceof ZodError) throw new AppError("BAD_REQUEST", z.prettifyError(error));
  if (error instanceof Error && /unknown criterion/.test(error.message)) throw new AppError("BAD_REQUEST", error.message);
  throw error;
}

async function build(prisma: PrismaClient, estateId: string, input: TScorecardInput) {
  const inputs = await estateInputs(prisma, estateId);
  let scorecard: TScorecard;
  try {
    scorecard = buildScorecard({
      estate: inputs?.estate,
      translationFindings: inputs?.findings,
      membership: inputs?.membership,
      weights: input.weights ?? undefined,
      scoreOverrides: input.scoreOverrides,
      monteCarlo: SCORECARD_MONTE_CARLO,
    });
  } catch (error) {
    asInputError(error);
  }
  return { scorecard, source: inputs?.source ?? null };
}

export async function getScorecard(prisma: PrismaClient, estateId: string, version?: number) {
  const row = await prisma.scorecardVersion.findFirst({
    where: { estateId, ...(version !== undefined ? { version } : {}) },
    orderBy: { version: "desc" },
  });
  if (version !== undefined && !row) throw new AppError("NOT_FOUND", `Scorecard version ${version} not found`);
  const input = row ? parseInput(row.input) : EMPTY_INPUT;
  const { scorecard, source } = await build(prisma, estateId, input);
  const author = row?.createdBy ? (await authors(prisma, [row.createdBy])).get(row.createdBy) : undefined;
  const latest =
    row && version !== undefined
      ? await prisma.scorecardVersion.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { version: true } })
      : row;
  return {
    scorecard,
    input: { weights: input.weights, scoreOverrides: input.scoreOverrides },
    version: row ? { version: row.version, createdAt: row.createdAt, author: author ?? null, change: input.change } : null,
    latestVersion: latest?.version ?? 0,
    source,
  };
}

export async function listScorecardVersions(prisma: PrismaClient, estateId: string) {
  const rows = await prisma.scorecardVersion.findMany({ where: { estateId }, orderBy: { version: "desc" }, take: 200 });
  const who = await authors(
    prisma,
    rows.map((r) => r.createdBy),
  );
  return rows.map((row) => {
    const parsed = ZScorecardInput.safeParse(row.input);
    return {
      id: row.id,
      version: row.version,
      createdAt: row.createdAt,
      author: row.createdBy ? (who.get(row.createdBy) ?? null) : null,
      change: parsed.success ? parsed.data.change : { kind: "weights" as const, summary: "(unreadable version)" },
    };
  });
}

/** Score history of one cell: every version whose change set this criterion × platform. */
export async function scoreHistory(prisma: PrismaClient, estateId: string, criterionId: string, platform: string) {
  const rows = await prisma.scorecardVersion.findMany({ where: { estateId }, orderBy: { version: "desc" }, take: 500 });
  const who = await authors(
    prisma,
    rows.map((r) => r.createdBy),
  );
  const out = [];
  let previous: string | undefined;
  // Oldest first to detect what each version changed for this cell.
  for (const row of [...rows].reverse()) {
    const parsed = ZScorecardInput.safeParse(row.input);
    if (!parsed.success) continue;
    const cell = parsed.data.scoreOverrides.find((o) => o.criterionId === criterionId && o.platform === platform);
    const fingerprint = cell ? JSON.stringify(cell) : undefined;
    if (fingerprint !== previous)
      out.push({
        version: row.version,
        createdAt: row.createdAt,
        author: row.createdBy ? (who.get(row.createdBy) ?? null) : null,
        override: cell ?? null,
      });
    previous = fingerprint;
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------------------
// Writing: append a new version

async function appendVersion(
  prisma: PrismaClient,
  estateId: string,
  user: SessionUser,
  change: (current: TScorecardInput, latestVersion: number) => TScorecardInput,
): Promise<{ version: number }> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const latest = await tx.scorecardVersion.findFirst({ where: { estateId }, orderBy: { version: "desc" } });
        const current = latest ? parseInput(latest.input) : EMPTY_INPUT;
        const next = change(current, latest?.version ?? 0);
        // Validate exactly as a read will (weights, CR, overrides) before anything is stored.
        try {
          buildScorecard({ weights: next.weights ?? undefined, scoreOverrides: next.scoreOverrides, monteCarlo: { samples: 1 } });
        } catch (error) {
          asInputError(error);
        }
        const created = await tx.scorecardVersion.create({
          data: { estateId, version: (latest?.version ?? 0) + 1, createdBy: user.id, input: ZScorecardInput.parse(next) as object },
        });
        return { version: created.version };
      });
    } catch (error) {
      // Two architects saving at once: the unique (estateId, version) lets one win; the other retries on top.
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

function describeWeights(spec: TWeightSpec): string {
  if (spec.kind === "direct") return `direct weights on ${Object.keys(spec.weights).length} criteria`;
  const report = resolveWeights(
    spec,
    SEED_CATALOGUE.criteria.map((c) => c.id),
  ).ahp;
  return `AHP (${spec.kind === "ahp" ? "flat" : "by groups"}), max CR ${Math.max(...report.map((r) => r.cr)).toFixed(3)}`;
}

export async function saveWeights(prisma: PrismaClient, estateId: string, user: SessionUser, weights: TWeightSpec, baseVersion: number) {
  try {
    resolveWeights(
      weights,
      SEED_CATALOGUE.criteria.map((c) => c.id),
    );
  } catch (error) {
    asInputError(error);
  }
  return appendVersion(prisma, estateId, user, (current, latest) => {
    if (latest !== baseVersion)
      throw new AppError(
        "CONFLICT",
        `Someone saved version ${latest} since you loaded version ${baseVersion}; reload and apply your weights again.`,
      );
    return { ...current, weights, change: { kind: "weights", summary: describeWeights(weights) } };
  });
}

export async function saveScore(prisma: PrismaClient, estateId: string, user: SessionUser, edit: TScoreEdit) {
  if (!SEED_CATALOGUE.criteria.some((c) => c.id === edit.criterionId))
    throw new AppError("BAD_REQUEST", `Unknown criterion "${edit.criterionId}"`);
  const override: TScoreOverride = { ...edit, author: user.name || user.email };
  return appendVersion(prisma, estateId, user, (current) => ({
    ...current,
    scoreOverrides: [
      ...current.scoreOverrides.filter((o) => !(o.criterionId === edit.criterionId && o.platform === edit.platform)),
      override,
    ],
    change: { kind: "score", summary: `${edit.criterionId} × ${edit.platform} = ${edit.score} (${edit.evidence})` },
  }));
}

export async function resetScore(prisma: PrismaClient, estateId: string, user: SessionUser, criterionId: string, platform: string) {
  return appendVersion(prisma, estateId, user, (current) => {
    if (!current.scoreOverrides.some((o) => o.criterionId === criterionId && o.platform === platform))
      throw new AppError("BAD_REQUEST", `No architect score to reset for ${criterionId} × ${platform}`);
    return {
      ...current,
      scoreOverrides: current.scoreOverrides.filter((o) => !(o.criterionId === criterionId && o.platform === platform)),
      change: { kind: "score-reset", summary: `${criterionId} × ${platform} back to the catalogue/estate score` },
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Export

export const SCORECARD_EXPORT_FORMATS = ["csv", "details-csv", "pdf"] as const;
export type TScorecardExportFormat = (typeof SCORECARD_EXPORT_FORMATS)[number];

export async function exportScorecard(prisma: PrismaClient, estateId: string, format: TScorecardExportFormat, version?: number) {
  const [{ scorecard, version: v }, estate] = await Promise.all([
    getScorecard(prisma, estateId, version),
    prisma.estate.findUniqueOrThrow({ where: { id: estateId }, select: { slug: true, name: true } }),
  ]);
  const stem = `scorecard-${estate.slug}-v${v?.version ?? 0}`;
  if (format === "pdf") {
    const bytes = await scorecardToPdf(scorecard, { title: `Platform scorecard: ${estate.name} (version ${v?.version ?? 0})` });
    return { fileName: `${stem}.pdf`, contentType: "application/pdf", body: bytes };
  }
  const text = format === "csv" ? scorecardToCsv(scorecard) : scoreDetailsToCsv(scorecard);
  return {
    fileName: `${stem}${format === "csv" ? "" : "-details"}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: new TextEncoder().encode(`\uFEFF${text}`),
  };
}
