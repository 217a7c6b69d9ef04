/**
 * Translation: mapping profiles (versioned per estate; security engineers edit, every save is a new
 * version), the translate job (src/translate on the latest estate version), and the reads the review page
 * needs — summary, the object index (each Kubernetes object with the NSX rule ids it came from), one file's
 * YAML, findings, and the bundle (ZIP with kustomization.yaml).
 */
import { zipSync, strToU8 } from "fflate";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { TFinding } from "../../translate/findings/finding.ts";
import { defaultMappingProfile, ZMappingProfile, type TMappingProfile } from "../../translate/profile/mapping-profile.ts";
import { translateEstate, verifyOwnTranslation, type ApiVersion, type TranslationSummary } from "../../translate/index.ts";
import type { K8sObject } from "../../translate/emit/yaml-document.ts";
import { AppError } from "../errors.ts";
import type { JobHandler } from "../jobs/run-job.ts";
import { decodeJson, ZObjectIndex, ZStoredEstate, ZStoredFindings, ZStoredManifests, ZStoredSummary } from "./stored-json.ts";

export interface TObjectIndexEntry {
  path: string;
  kind: string;
  name: string;
  namespace?: string;
  category?: string;
  ruleIds: string[];
  /** VirtualMachine label patches: the NSX VM they belong to. */
  vmId?: string;
  vmName?: string;
}

/** The round trip run with every translation (NSX estate vs the emitted objects, IPv4 as the cluster carries). */
export interface TRoundTrip {
  /** Equivalent except the findings' flow sets, and every NSX VM has its VirtualMachine. */
  equivalent: boolean;
  /** Counterexamples no finding explains (a translator bug when > 0). */
  unexplained: number;
  /** Differences the findings account for. */
  explained: number;
  unmappedVms: number;
  manifestErrors: number;
  pairsCompared: number;
  elapsedMs: number;
  /** The first unexplained counterexamples, worded. */
  examples: { src: string; dst: string; lost: string; added: string }[];
}

export type TStoredSummary = TranslationSummary & {
  profileVersion: number;
  importVersion: number;
  objectCount: number;
  fileCount: number;
  findingsBySeverity: Record<string, number>;
  /** Absent on translations stored before the round trip ran with the job. */
  roundTrip?: TRoundTrip;
};

// ---------------------------------------------------------------------------------------------------------
// Mapping profiles

export async function currentProfile(
  prisma: PrismaClient,
  estateId: string,
): Promise<{ version: number; profile: TMappingProfile; createdAt: Date | null; createdBy: string | null }> {
  const row = await prisma.mappingProfile.findFirst({ where: { estateId }, orderBy: { version: "desc" } });
  if (!row) return { version: 0, profile: defaultMappingProfile(), createdAt: null, createdBy: null };
  return { version: row.version, profile: ZMappingProfile.parse(row.profile), createdAt: row.createdAt, createdBy: row.createdBy };
}

export async function profileHistory(prisma: PrismaClient, estateId: string) {
  return prisma.mappingProfile.findMany({
    where: { estateId },
    orderBy: { version: "desc" },
    take: 50,
    select: { version: true, createdAt: true, createdBy: true },
  });
}

/** Stores a new profile version (validated, defaults filled). `baseVersion` guards against overwriting a newer save. */
export async function saveProfile(
  prisma: PrismaClient,
  input: { estateId: string; userId: string; profile: unknown; baseVersion: number },
) {
  const parsed = ZMappingProfile.safeParse(input.profile);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "The mapping profile is invalid", parsed.error.issues);
  const { bands } = parsed.data;
  const ordered = [bands.Emergency, bands.Infrastructure, bands.Environment];
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].from <= ordered[i - 1].to)
      throw new AppError("BAD_REQUEST", "Priority bands must not overlap and must run Emergency → Infrastructure → Environment");
  }
  return prisma.$transaction(async (tx) => {
    const latest = await tx.mappingProfile.findFirst({
      where: { estateId: input.estateId },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const current = latest?.version ?? 0;
    if (current !== input.baseVersion)
      throw new AppError("CONFLICT", `Someone saved version ${current} meanwhile; reload and apply your change again`);
    const created = await tx.mappingProfile.create({
      data: { estateId: input.estateId, version: current + 1, profile: parsed.data as object, createdBy: input.userId },
    });
    return { version: created.version };
  });
}

// ---------------------------------------------------------------------------------------------------------
// The translate job

export interface TTranslateJobInput {
  importId: string;
  profileVersion: number;
  api: ApiVersion;
}

export async function translationJobInput(prisma: PrismaClient, estateId: string, api: ApiVersion): Promise<TTranslateJobInput> {
  const latest = await prisma.estateImport.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { id: true } });
  if (!latest) throw new AppError("BAD_REQUEST", "Import an estate before translating it");
  const profile = await currentProfile(prisma, estateId);
  return { importId: latest.id, profileVersion: profile.version, api };
}

function ruleIdsOf(object: K8sObject): string[] {
  const annotations = object.metadata.annotations ?? {};
  const key = Object.keys(annotations).find((k) => k.endsWith("nsx-rule-ids"));
  return key
    ? annotations[key]
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

function annotation(object: K8sObject, suffix: string): string | undefined {
  const annotations = object.metadata.annotations ?? {};
  const key = Object.keys(annotations).find((k) => k.endsWith(suffix));
  return key ? annotations[key] : undefined;
}

/** Which file each object was written to: the files map holds exactly one object's YAML per path. */
function indexObjects(files: Record<string, string>, objects: readonly K8sObject[]): TObjectIndexEntry[] {
  const byIdentity = new Map<string, string>();
  for (const path of Object.keys(files)) {
    const match = /^(namespaces|admin|network-policies|vm-labels)\//.exec(path);
    if (match) byIdentity.set(path, path);
  }
  const pathOf = (object: K8sObject): string => {
    const { kind, metadata } = object;
    if (kind === "Namespace") return `namespaces/${metadata.name}.yaml`;
    if (kind === "NetworkPolicy") return `network-policies/${metadata.namespace}/${metadata.name}.yaml`;
    if (kind === "VirtualMachine") return `vm-labels/${metadata.namespace}/${metadata.name}.yaml`;
    if (kind.startsWith("Baseline")) return "admin/baseline.yaml";
    const found = [...byIdentity.keys()].find((p) => p.startsWith("admin/") && p.endsWith(`-${metadata.name}.yaml`));
    return found ?? `admin/${metadata.name}.yaml`;
  };
  return objects.map((object) => {
    const vmId = object.kind === "VirtualMachine" ? annotation(object, "nsx-vm-id") : undefined;
    const vmName = object.kind === "VirtualMachine" ? annotation(object, "nsx-vm-name") : undefined;
    const category = annotation(object, "nsx-category");
    return {
      path: pathOf(object),
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
      ...(category ? { category } : {}),
      ruleIds: ruleIdsOf(object),
      ...(vmId ? { vmId } : {}),
      ...(vmName ? { vmName } : {}),
    };
  });
}

export const runTranslateJob: JobHandler = async ({ prisma, job, progress }) => {
  const input = job.input as TTranslateJobInput;
  const row = await prisma.estateImport.findFirst({ where: { id: input.importId, estateId: job.estateId } });
  if (!row) return { failed: true, error: "The estate version to translate no longer exists", result: null };
  const profileRow =
    input.profileVersion > 0
      ? await prisma.mappingProfile.findUnique({ where: { estateId_version: { estateId: job.estateId, version: input.profileVersion } } })
      : null;
  const profile = profileRow ? ZMappingProfile.parse(profileRow.profile) : defaultMappingProfile();
  progress(
    {
      phase: "translate",
      percent: 10,
      message: `Translating estate v${row.version} with mapping profile v${input.profileVersion} (${input.api})`,
    },
    true,
  );
  // translateEstate is one synchronous pass (selectors, admin tier, NetworkPolicy stage, emit, validate).
  await new Promise((resolve) => setImmediate(resolve));
  const estate = decodeJson(ZStoredEstate, row.estate, "estate version");
  const result = translateEstate(estate, profile, { api: input.api });
  // Every translation is checked at once: the engine's NSX side against the emitted objects (issue 5's round trip).
  progress(
    {
      phase: "round-trip",
      percent: 70,
      message: `Checking the ${result.objects.length.toLocaleString("en")} objects against the NSX estate (round trip)`,
    },
    true,
  );
  await new Promise((resolve) => setImmediate(resolve));
  const check = verifyOwnTranslation(estate, result);
  const roundTrip: TRoundTrip = {
    equivalent: check.equivalent,
    unexplained: check.differences.length,
    explained: check.explainedDifferences.length,
    unmappedVms: check.unmappedVms.length,
    manifestErrors: check.manifestErrors.length,
    pairsCompared: check.stats.pairsCompared,
    elapsedMs: check.stats.elapsedMs,
    examples: check.differences.slice(0, 20).map((d) => ({ src: d.src, dst: d.dst, lost: d.lost, added: d.added })),
  };
  progress(
    {
      phase: "store",
      percent: 90,
      message: `Storing ${result.objects.length.toLocaleString("en")} objects and ${result.findings.length} findings`,
    },
    true,
  );
  const objects = indexObjects(result.files, result.objects);
  const findingsBySeverity: Record<string, number> = {};
  for (const f of result.findings) findingsBySeverity[f.severity] = (findingsBySeverity[f.severity] ?? 0) + 1;
  const summary: TStoredSummary = {
    ...result.summary,
    profileVersion: input.profileVersion,
    importVersion: row.version,
    objectCount: result.objects.length,
    fileCount: Object.keys(result.files).length,
    findingsBySeverity,
    roundTrip,
  };
  const stored = await prisma.translation.create({
    data: {
      estateId: job.estateId,
      importId: row.id,
      profileVersion: input.profileVersion,
      apiVersion: input.api,
      createdBy: job.createdBy,
      manifests: { files: result.files, objects } as object,
      findings: result.findings as object,
      summary: summary as object,
    },
  });
  return { result: { translationId: stored.id, summary } };
};

// ---------------------------------------------------------------------------------------------------------
// Reads

/** The given translation (of this estate) or the latest one. */
async function translationRow(prisma: PrismaClient, estateId: string, translationId?: string) {
  const row = await prisma.translation.findFirst({
    where: translationId ? { id: translationId, estateId } : { estateId },
    orderBy: { createdAt: "desc" },
    select: { id: true, importId: true, profileVersion: true, apiVersion: true, createdAt: true, createdBy: true, summary: true },
  });
  if (!row && translationId) throw new AppError("NOT_FOUND", "Translation not found");
  return row;
}

export async function translationSummary(prisma: PrismaClient, estateId: string, translationId?: string) {
  const row = await translationRow(prisma, estateId, translationId);
  if (!row) return null;
  const latestImport = await prisma.estateImport.findFirst({
    where: { estateId },
    orderBy: { version: "desc" },
    select: { id: true, version: true },
  });
  return {
    ...row,
    summary: decodeJson(ZStoredSummary, row.summary, "translation summary"),
    stale: latestImport !== null && latestImport.id !== row.importId,
  };
}

export async function listTranslations(prisma: PrismaClient, estateId: string) {
  const rows = await prisma.translation.findMany({
    where: { estateId },
    orderBy: { createdAt: "desc" },
    take: 30,
    select: {
      id: true,
      createdAt: true,
      profileVersion: true,
      apiVersion: true,
      summary: true,
      verifications: { orderBy: { createdAt: "desc" }, take: 1, select: { id: true, equivalent: true } },
    },
  });
  return rows.map((r) => {
    const s = decodeJson(ZStoredSummary, r.summary, "translation summary");
    return {
      id: r.id,
      createdAt: r.createdAt,
      profileVersion: r.profileVersion,
      apiVersion: r.apiVersion,
      importVersion: s.importVersion,
      objectCount: s.objectCount,
      findingsBySeverity: s.findingsBySeverity,
      verification: r.verifications[0] ?? null,
    };
  });
}

/** The object index only (the files stay in the database): `manifests->'objects'`. */
export async function translationObjects(prisma: PrismaClient, estateId: string, translationId: string): Promise<TObjectIndexEntry[]> {
  const rows = await prisma.$queryRaw<{ objects: unknown }[]>`
    SELECT "manifests"->'objects' AS objects FROM "Translation" WHERE "id" = ${translationId}::uuid AND "estateId" = ${estateId}::uuid`;
  if (rows.length === 0) throw new AppError("NOT_FOUND", "Translation not found");
  return decodeJson(ZObjectIndex, rows[0].objects ?? [], "translation object index");
}

/** One emitted file's text: `manifests->'files'->>path`. */
export async function translationFile(
  prisma: PrismaClient,
  estateId: string,
  translationId: string,
  path: string,
): Promise<{ path: string; text: string }> {
  const rows = await prisma.$queryRaw<{ text: string | null }[]>`
    SELECT "manifests"->'files'->>${path} AS text FROM "Translation" WHERE "id" = ${translationId}::uuid AND "estateId" = ${estateId}::uuid`;
  if (rows.length === 0 || rows[0].text === null) throw new AppError("NOT_FOUND", "File not found in this translation");
  return { path, text: rows[0].text };
}

export async function translationFindings(prisma: PrismaClient, estateId: string, translationId: string): Promise<TFinding[]> {
  const row = await prisma.translation.findFirst({ where: { id: translationId, estateId }, select: { findings: true } });
  if (!row) throw new AppError("NOT_FOUND", "Translation not found");
  return decodeJson(ZStoredFindings, row.findings, "translation findings");
}

/** The whole output as a ZIP: kustomization.yaml at the root, Namespaces, policies, VM label patches, findings, README. */
export async function translationBundle(
  prisma: PrismaClient,
  estateId: string,
  translationId: string,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const row = await prisma.translation.findFirst({
    where: { id: translationId, estateId },
    select: { manifests: true, createdAt: true, estate: { select: { slug: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "Translation not found");
  const files = decodeJson(ZStoredManifests, row.manifests, "translation manifests").files;
  const mtime = row.createdAt;
  const entries = Object.fromEntries(Object.entries(files).map(([path, text]) => [path, [strToU8(text), { mtime }] as const]));
  const stamp = row.createdAt.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return { fileName: `${row.estate.slug}-translation-${stamp}.zip`, bytes: zipSync(entries as never, { level: 6 }) };
}
