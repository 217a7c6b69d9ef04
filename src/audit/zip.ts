/**
 * The bundle's ZIP in one canonical layout: entries sorted by name, stored (no compression, so the bytes do
 * not depend on a deflate implementation), fixed DOS timestamp, no comments or extra fields. The verifier
 * rebuilds the archive from its entries and compares byte for byte, so a change anywhere in the container
 * (headers, timestamps, central directory) is detected even where ZIP itself keeps no checksum.
 */
import { unzipSync, zipSync, type Zippable } from "fflate";

/** Local midnight 2000-01-01: fflate encodes DOS time from local fields, so this is the same everywhere. */
const ZIP_TIME = new Date(2000, 0, 1, 0, 0, 0);

export function writeCanonicalZip(files: Record<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name], { level: 0, mtime: ZIP_TIME }];
  return zipSync(entries, { level: 0, mtime: ZIP_TIME });
}

export function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}
