/**
 * Safe ZIP unpacking. Reads the central directory itself (so limits are checked before anything is
 * inflated), then inflates each entry through a streaming inflater that stops as soon as an entry outgrows
 * its declared size, the expansion ratio or the archive's total budget. Refuses encryption, ZIP64,
 * absolute paths, `..`, drive letters and (except for XLSX workbooks) nested archives.
 */
import { Inflate } from "fflate";
import type { ImportLimits } from "../types.ts";
import { Crc32 } from "./crc32.ts";

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  path: string;
  bytes: Uint8Array;
}

export type UnzipOutcome = { ok: true; entries: ZipEntry[] } | { ok: false; errors: { where: string; message: string }[] };

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Why an entry path is unsafe to honour, or undefined when it is fine. */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return "empty path";
  if (path.includes("\0")) return "NUL character in path";
  if (path.startsWith("/") || path.startsWith("\\")) return "absolute path";
  if (/^[a-zA-Z]:/.test(path)) return "drive letter in path";
  if (path.split(/[\\/]/).some((segment) => segment === "..")) return "`..` segment in path (zip slip)";
  return undefined;
}

class ZipFailure extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

function findEndOfCentralDirectory(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let at = view.byteLength - 22; at >= earliest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFailure("end of central directory", "not a complete ZIP archive (no end-of-central-directory record)");
}

interface CentralEntry {
  path: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function readCentralDirectory(bytes: Uint8Array, view: DataView, limits: ImportLimits): CentralEntry[] {
  const eocd = findEndOfCentralDirectory(view);
  const entryCount = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) {
    throw new ZipFailure("end of central directory", "ZIP64 archives are not accepted");
  }
  if (entryCount > limits.maxZipEntries) {
    throw new ZipFailure("central directory", `archive has ${entryCount} entries; at most ${limits.maxZipEntries} are accepted`);
  }
  if (directoryOffset + directorySize > eocd) throw new ZipFailure("central directory", "central directory lies outside the archive");
  const decoder = new TextDecoder("utf-8");
  const entries: CentralEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) {
      throw new ZipFailure(`central directory entry ${i + 1}`, "corrupt central directory");
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) throw new ZipFailure(`central directory entry ${i + 1}`, "corrupt central directory");
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      path: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function entryData(bytes: Uint8Array, view: DataView, entry: CentralEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) {
    throw new ZipFailure(entry.path, "corrupt local header");
  }
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFailure(entry.path, "entry data runs past the end of the archive (truncated?)");
  return bytes.subarray(start, end);
}

/** Compressed bytes fed to the inflater at a time: at most ~4 MiB of output (deflate's ~1032× ceiling) before the budget is checked. */
const INFLATE_SLICE = 4 * 1024;

function inflateBounded(compressed: Uint8Array, entry: CentralEntry, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    produced += chunk.length;
    if (produced > maxBytes)
      throw new ZipFailure(entry.path, "entry inflates beyond its declared size or the expansion limits (zip bomb?)");
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    // Small slices: fflate inflates a whole pushed chunk before handing it over, so one big push of a bomb
    // would allocate its full expansion before the budget check could stop it (deflate tops out near 1032×).
    for (let at = 0; at < compressed.length; at += INFLATE_SLICE) {
      const end = Math.min(at + INFLATE_SLICE, compressed.length);
      inflater.push(compressed.subarray(at, end), end === compressed.length);
    }
    if (compressed.length === 0) inflater.push(compressed, true);
  } catch (error) {
    if (error instanceof ZipFailure) throw error;
    throw new ZipFailure(entry.path, `corrupt deflate data: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!finished) throw new ZipFailure(entry.path, "corrupt deflate data: stream ends early");
  const out = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Whether nested bytes are an Office Open XML workbook (an XLSX is a ZIP and allowed inside an upload ZIP). */
export type NestedArchivePolicy = (path: string, bytes: Uint8Array) => boolean;

export function unzip(bytes: Uint8Array, limits: ImportLimits, allowNested: NestedArchivePolicy = () => false): UnzipOutcome {
  const errors: { where: string; message: string }[] = [];
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const central = readCentralDirectory(bytes, view, limits);
    const declaredTotal = central.reduce((n, e) => n + e.uncompressedSize, 0);
    if (declaredTotal > limits.maxZipTotalBytes) {
      return {
        ok: false,
        errors: [
          {
            where: "central directory",
            message: `archive expands to ${declaredTotal} bytes; at most ${limits.maxZipTotalBytes} are accepted`,
          },
        ],
      };
    }
    const seen = new Set<string>();
    const entries: ZipEntry[] = [];
    let total = 0;
    for (const entry of central) {
      const unsafe = unsafePathReason(entry.path);
      if (unsafe) {
        errors.push({ where: entry.path, message: `refused entry: ${unsafe}` });
        continue;
      }
      if (entry.path.endsWith("/")) continue; // directory
      if (seen.has(entry.path)) {
        errors.push({ where: entry.path, message: "entry appears twice in the archive" });
        continue;
      }
      seen.add(entry.path);
      if (entry.flags & 1) {
        errors.push({ where: entry.path, message: "encrypted entries are not accepted" });
        continue;
      }
      const ratioBound = Math.max(entry.compressedSize, 1) * limits.maxExpansionRatio;
      if (entry.uncompressedSize > ratioBound) {
        errors.push({
          where: entry.path,
          message: `entry expands ${Math.round(entry.uncompressedSize / Math.max(entry.compressedSize, 1))}× (limit ${limits.maxExpansionRatio}×): zip bomb refused`,
        });
        continue;
      }
      const compressed = entryData(bytes, view, entry);
      let data: Uint8Array;
      if (entry.method === 0) {
        if (entry.compressedSize !== entry.uncompressedSize) throw new ZipFailure(entry.path, "stored entry sizes disagree");
        data = compressed;
      } else if (entry.method === 8) {
        const budget = Math.min(entry.uncompressedSize, ratioBound, limits.maxZipTotalBytes - total);
        data = inflateBounded(compressed, entry, budget);
        if (data.length !== entry.uncompressedSize) throw new ZipFailure(entry.path, "entry size differs from its header");
      } else {
        errors.push({ where: entry.path, message: `compression method ${entry.method} is not supported (only stored and deflate)` });
        continue;
      }
      const crc = new Crc32();
      crc.update(data);
      if (crc.digest() !== entry.crc) throw new ZipFailure(entry.path, "CRC mismatch: corrupt entry");
      total += data.length;
      if (isZip(data) && !allowNested(entry.path, data)) {
        errors.push({ where: entry.path, message: "nested archives are not accepted: unpack the inner ZIP and upload its files" });
        continue;
      }
      entries.push({ path: entry.path, bytes: data });
    }
    return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
  } catch (error) {
    if (error instanceof ZipFailure) return { ok: false, errors: [...errors, { where: error.where, message: error.message }] };
    return {
      ok: false,
      errors: [...errors, { where: "archive", message: `unreadable ZIP: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
}
