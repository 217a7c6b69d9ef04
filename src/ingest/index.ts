/** Public surface of src/ingest. */
export { importEstate, estateCounts, type ImportEstateOptions } from "./import-estate.ts";
export { detectFormat } from "./detect.ts";
export { formatReport } from "./report.ts";
export { DEFAULT_LIMITS } from "./archive/limits.ts";
export { unzip, unsafePathReason } from "./archive/zip.ts";
export type * from "./types.ts";
