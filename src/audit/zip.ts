/**
 * The bundle's ZIP in one canonical layout: entries sorted by name, stored (no compression, so the bytes do
 * not depend on a deflate implementation), fixed DOS timestamp, no comments or extra fields. The verifier
 * rebuilds the archive from its entries and compares byte for byte, so a change anywhere in the container
 * (headers, timestamps, central directory) is detected even where ZIP itself keeps no checksum.
 *
 * Reading goes through the import's bounded ZIP reader (src/ingest/archive): a bundle comes from outside
 * (an auditor's upload, a file handed to the CLI), so entry count, sizes, expansion ratio and the total are
 * limited before and while anything is inflated, and inflation stops at the first byte past a limit.
 */
import { zipSync, type Zippable } from "fflate";
import { unzip } from "../ingest/archive/zip.ts";
import type { ImportLimits } from "../ingest/types.ts";

/** Local midnight 2000-01-01: fflate encodes DOS time from local fields, so this is the same everywhere. */
const ZIP_TIME = new Date(2000, 0, 1, 0, 0, 0);

/** A sealed bundle is stored (ratio 1); these bounds leave room for the largest estates and refuse bombs. */
export const BUNDLE_LIMITS: ImportLimits = {
  maxUploadBytes: 1024 * 1024 * 1024,
  maxZipEntries: 50_000,
  maxZipTotalBytes: 1024 * 1024 * 1024,
  maxExpansionRatio: 250,
};

export function writeCanonicalZip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name], { level: 0, mtime: ZIP_TIME }];
  return zipSync(entries, { level: 0, mtime: ZIP_TIME });
}

/** The archive's files, or throws with every reason it was refused (limits, paths, corruption). */
export function readZip(bytes: Uint8Array, limits: ImportLimits = BUNDLE_LIMITS): Record<string, Uint8Array> {
  const outcome = unzip(bytes, limits, () => true);
  if (!outcome.ok) throw new Error(outcome.errors.map((e) => `${e.where}: ${e.message}`).join("; "));
  const files: Record<string, Uint8Array> = {};
  for (const entry of outcome.entries) files[entry.path] = entry.bytes;
  return files;
}
