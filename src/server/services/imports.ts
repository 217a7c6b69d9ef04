/**
 * Estate imports: the raw upload is stored first (bytes + SHA-256, so nothing is lost even when parsing
 * fails), then the import job parses it with src/ingest and, only if every file is valid, stores the new
 * estate version in one transaction (all or nothing).
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { estateCounts, importEstate } from "../../ingest/import-estate.ts";
import type { ImportProgress } from "../../ingest/types.ts";
import { AppError } from "../errors.ts";
import { serverEnv } from "../env.ts";
import type { JobHandler } from "../jobs/run-job.ts";
import { ensureRuleReadModel } from "./rules.ts";
import { decodeJson, ZStoredImportReport } from "./stored-json.ts";

export interface TUploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** File names are shown and stored, never used as paths; still, keep only the base name and printable characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "upload";
  const cleaned = base.replace(/[^\w.\- ()+@]/g, "_").slice(0, 200);
  return cleaned || "upload";
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/**
 * Stores the raw files and the import job that will parse them, in one transaction. Returns the job id.
 */
export async function createImportJob(
  prisma: PrismaClient,
  input: { estateId: string; createdBy: string; files: TUploadedFile[] },
): Promise<string> {
  const maxBytes = serverEnv().PARITY_MAX_UPLOAD_MB * 1024 * 1024;
  const total = input.files.reduce((n, f) => n + f.bytes.length, 0);
  if (input.files.length === 0) throw new AppError("BAD_REQUEST", "Choose at least one file to upload");
  if (total > maxBytes)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `Upload is ${(total / 1048576).toFixed(1)} MiB; the limit is ${serverEnv().PARITY_MAX_UPLOAD_MB} MiB`,
    );
  const files = input.files.map((file) => ({
    name: safeFileName(file.name),
    sha256: sha256Hex(file.bytes),
    size: file.bytes.length,
    bytes: Buffer.from(file.bytes),
  }));
  return prisma.$transaction(async (tx) => {
    const job = await tx.job.create({
      data: {
        estateId: input.estateId,
        kind: "import",
        createdBy: input.createdBy,
        input: { files: files.map(({ name, sha256, size }) => ({ name, sha256, size })) },
        progress: { phase: "queued", percent: 0, message: "upload stored; waiting for a worker" },
      },
    });
    await tx.uploadFile.createMany({ data: files.map((file) => ({ ...file, estateId: input.estateId, jobId: job.id })) });
    return job.id;
  });
}

function progressOf(p: ImportProgress) {
  const percent = p.bytesTotal > 0 ? Math.min(99, Math.round((p.bytesDone / p.bytesTotal) * 100)) : null;
  const phase = { unpack: "Unpacking", parse: "Parsing", resolve: "Resolving references" }[p.phase];
  return { phase: p.phase, percent, message: `${phase}${p.file ? ` ${p.file}` : ""} · ${p.objects.toLocaleString("en")} objects` };
}

export const runImportJob: JobHandler = async ({ prisma, job, progress }) => {
  const files = await prisma.uploadFile.findMany({ where: { jobId: job.id }, orderBy: { createdAt: "asc" } });
  const estateRow = await prisma.estate.findUniqueOrThrow({ where: { id: job.estateId } });
  const result = importEstate(
    files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })),
    { name: estateRow.name, limits: { maxUploadBytes: serverEnv().PARITY_MAX_UPLOAD_MB * 1024 * 1024 }, sha256: sha256Hex },
    (p) => progress(progressOf(p)),
  );
  const formats = new Map(result.provenance.map((record) => [record.name, record.format]));
  if (!result.ok) {
    for (const file of files) {
      const format = formats.get(file.name);
      if (format) await prisma.uploadFile.update({ where: { id: file.id }, data: { format } });
    }
    return { failed: true, error: `${result.errors.length} error(s): nothing was imported`, result: { report: result.report } };
  }
  progress({ phase: "store", percent: 99, message: "Storing the new estate version" }, true);
  const counts = estateCounts(result.estate);
  const stored = await prisma.$transaction(async (tx) => {
    const latest = await tx.estateImport.findFirst({
      where: { estateId: job.estateId },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const created = await tx.estateImport.create({
      data: {
        estateId: job.estateId,
        version: (latest?.version ?? 0) + 1,
        createdBy: job.createdBy,
        counts: counts as object,
        report: result.report as object,
        estate: result.estate as object,
      },
    });
    for (const file of files) {
      await tx.uploadFile.update({ where: { id: file.id }, data: { importId: created.id, format: formats.get(file.name) ?? "unknown" } });
    }
    return created;
  });
  progress({ phase: "index", percent: 99, message: "Indexing rules for the explorer" }, true);
  await ensureRuleReadModel(prisma, stored.id, result.estate);
  return { result: { importId: stored.id, version: stored.version, counts, report: result.report } };
};

export async function listImports(prisma: PrismaClient, estateId: string) {
  return prisma.estateImport.findMany({
    where: { estateId },
    orderBy: { version: "desc" },
    select: {
      id: true,
      version: true,
      createdAt: true,
      createdBy: true,
      counts: true,
      files: { select: { id: true, name: true, format: true, sha256: true, size: true } },
    },
  });
}

export async function getImportReport(prisma: PrismaClient, estateId: string, importId: string) {
  const row = await prisma.estateImport.findFirst({
    where: { id: importId, estateId },
    select: { id: true, version: true, createdAt: true, counts: true, report: true },
  });
  if (!row) throw new AppError("NOT_FOUND", "Import not found");
  return { ...row, report: decodeJson(ZStoredImportReport, row.report, "import report") };
}

export async function latestEstate(prisma: PrismaClient, estateId: string) {
  const row = await prisma.estateImport.findFirst({ where: { estateId }, orderBy: { version: "desc" } });
  return row;
}
