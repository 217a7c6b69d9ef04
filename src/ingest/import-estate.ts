/**
 * The import pipeline: unpack (bounded), detect by content, parse every file, merge, resolve.
 * All or nothing: one error anywhere and the result carries every error and no estate. Never throws on
 * input: any unexpected exception becomes an error naming the file.
 */
import type { NsxEstate } from "../policy/index.ts";
import { resolveLimits } from "./archive/limits.ts";
import { isZip, unzip } from "./archive/zip.ts";
import { sniff } from "./detect.ts";
import type { EstateFragment } from "./fragment.ts";
import { isXlsx } from "./inventory/xlsx.ts";
import { mergeFragments } from "./merge.ts";
import { parseFile } from "./parse-file.ts";
import { resolveReferences } from "./resolve.ts";
import { sha256Hex, type HashFunction } from "./sha256.ts";
import type {
  ImportCounts,
  ImportError,
  ImportFile,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportResult,
  ImportWarning,
  ProvenanceRecord,
  Unresolved,
} from "./types.ts";

export interface ImportEstateOptions extends ImportOptions {
  /** Hash function for provenance (e.g. node:crypto in the CLI); defaults to pure-JS SHA-256. */
  sha256?: HashFunction;
}

/** More errors than this are summarised: a wholly wrong file should not produce a million lines. */
const MAX_ERRORS = 1000;

function fragmentCounts(f: EstateFragment): Partial<ImportCounts> {
  const counts: Partial<ImportCounts> = {};
  const put = (key: keyof ImportCounts, n: number) => {
    if (n > 0) counts[key] = n;
  };
  put("policies", f.policies.length);
  put("rules", f.policies.reduce((n, p) => n + p.rules.length, 0) + f.detachedRules.length);
  put("groups", f.groups.length);
  put("services", f.services.length);
  put("vms", f.vms.length + f.vcenterVms.length);
  put("tags", f.tagAttachments.length + f.tagDefinitions.length);
  put("segments", f.segments.length);
  return counts;
}

export function estateCounts(estate: NsxEstate): ImportCounts & { tagAssignments: number } {
  const distinct = new Set<string>();
  let assignments = 0;
  for (const vm of estate.vms) {
    for (const t of vm.tags) distinct.add(`${t.scope}|${t.tag}`);
    assignments += vm.tags.length;
  }
  // Counted as NSX Manager lists them: every section (the Ethernet one too, though its rules are only
  // reported) and the default layer-3 section with its rule, which the model carries as `defaultAction`.
  const lifted = estate.defaultRuleId ? 1 : 0;
  return {
    policies: estate.policies.length + lifted,
    rules: estate.policies.reduce((n, p) => n + p.rules.length, 0) + lifted,
    groups: estate.groups.length,
    services: estate.services.length,
    vms: estate.vms.length,
    tags: distinct.size,
    segments: estate.segments.length,
    tagAssignments: assignments,
  };
}

const EMPTY_COUNTS: ImportCounts = { policies: 0, rules: 0, groups: 0, services: 0, vms: 0, tags: 0, segments: 0 };

function capped(errors: ImportError[]): ImportError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  return [...errors.slice(0, MAX_ERRORS), { file: "(all)", where: "/", message: `${errors.length - MAX_ERRORS} further errors not shown` }];
}

function failure(errors: ImportError[], provenance: ProvenanceRecord[], warnings: ImportWarning[], unresolved: Unresolved[]): ImportResult {
  const all = capped(errors);
  const report: ImportReport = {
    counts: EMPTY_COUNTS,
    builtInServicesUsed: [],
    unresolved,
    warnings,
    errors: all,
    files: provenance,
    defaultAction: "ALLOW",
  };
  return { ok: false, errors: all, provenance, report };
}

export function importEstate(
  files: ImportFile[],
  options: ImportEstateOptions = {},
  onProgress?: (p: ImportProgress) => void,
): ImportResult {
  const limits = resolveLimits(options.limits);
  const hash = options.sha256 ?? sha256Hex;
  const errors: ImportError[] = [];
  const provenance: ProvenanceRecord[] = [];
  const bytesTotal = files.reduce((n, f) => n + f.bytes.length, 0);
  let bytesDone = 0;
  let objects = 0;
  const progress = (phase: ImportProgress["phase"], file?: string) => {
    try {
      onProgress?.({ phase, bytesDone, bytesTotal, objects, ...(file ? { file } : {}) });
    } catch {
      // A failing progress listener must not fail the import.
    }
  };

  if (files.length === 0) return failure([{ file: "(none)", where: "/", message: "no files were uploaded" }], provenance, [], []);

  // Unpack: ZIP uploads become their entries; an XLSX stays whole (it is read as a workbook).
  const inputs: { name: string; bytes: Uint8Array; provenance: ProvenanceRecord }[] = [];
  for (const file of files) {
    progress("unpack", file.name);
    // Only an archive is recorded as `zip`; anything else gets its format once sniffed below.
    const archive = isZip(file.bytes) && !isXlsx(file.bytes);
    const record: ProvenanceRecord = {
      name: file.name,
      format: archive ? "zip" : "unrecognised",
      sha256: hash(file.bytes),
      size: file.bytes.length,
      counts: {},
    };
    provenance.push(record);
    if (file.bytes.length > limits.maxUploadBytes) {
      errors.push({
        file: file.name,
        where: "/",
        message: `file is ${file.bytes.length} bytes; at most ${limits.maxUploadBytes} are accepted`,
      });
      continue;
    }
    if (archive) {
      const unzipped = unzip(file.bytes, limits, (_path, bytes) => isXlsx(bytes));
      if (!unzipped.ok) {
        for (const e of unzipped.errors) errors.push({ file: file.name, where: e.where, message: e.message });
        continue;
      }
      if (unzipped.entries.length === 0) errors.push({ file: file.name, where: "/", message: "archive holds no files" });
      for (const entry of unzipped.entries) {
        const name = `${file.name}!/${entry.path}`;
        const inner: ProvenanceRecord = { name, format: "unrecognised", sha256: hash(entry.bytes), size: entry.bytes.length, counts: {} };
        provenance.push(inner);
        inputs.push({ name, bytes: entry.bytes, provenance: inner });
      }
    } else inputs.push({ name: file.name, bytes: file.bytes, provenance: record });
    bytesDone += file.bytes.length;
  }

  // Parse every file even after an error, so one upload shows every problem at once.
  const fragments: EstateFragment[] = [];
  const innerTotal = inputs.reduce((n, i) => n + i.bytes.length, 0);
  let innerDone = 0;
  for (const input of inputs) {
    progress("parse", input.name);
    try {
      const sniffed = sniff(input.name, input.bytes);
      if (!sniffed.ok) errors.push(...sniffed.errors);
      else if (sniffed.sniffed.kind === "zip") {
        input.provenance.format = "zip";
        errors.push({ file: input.name, where: "/", message: "nested archives are not accepted" });
      } else {
        const { fragment, format } = parseFile(input.name, input.bytes, sniffed.sniffed, limits);
        input.provenance.format = format;
        input.provenance.counts = fragmentCounts(fragment);
        errors.push(...fragment.errors);
        fragments.push(fragment);
        objects += fragment.objectCount();
      }
    } catch (error) {
      errors.push({
        file: input.name,
        where: "/",
        message: `unexpected failure while reading this file: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    innerDone += input.bytes.length;
    bytesDone = innerTotal > 0 ? Math.round((innerDone / innerTotal) * bytesTotal) : bytesTotal;
  }
  const warnings = fragments.flatMap((f) => f.warnings);
  if (errors.length > 0) return failure(errors, provenance, warnings, []);

  progress("resolve");
  try {
    const name = options.name ?? files[0].name.replace(/^.*[\\/]/, "").replace(/\.[^.]+$/, "");
    const merged = mergeFragments(name, fragments);
    const resolved = resolveReferences(merged.estate);
    const allErrors = [...merged.errors, ...resolved.errors];
    const allWarnings = [...merged.warnings, ...resolved.warnings];
    const unresolved = [...merged.unresolved, ...resolved.unresolved];
    if (allErrors.length > 0) return failure(allErrors, provenance, allWarnings, unresolved);
    const { tagAssignments: _assignments, ...counts } = estateCounts(merged.estate);
    objects = Object.values(counts).reduce((n, c) => n + c, 0);
    progress("resolve");
    const report: ImportReport = {
      counts,
      builtInServicesUsed: resolved.builtInServicesUsed,
      unresolved,
      warnings: allWarnings,
      errors: [],
      files: provenance,
      defaultAction: merged.estate.defaultAction,
    };
    return { ok: true, estate: merged.estate, provenance, report };
  } catch (error) {
    return failure(
      [
        {
          file: "(all)",
          where: "/",
          message: `unexpected failure while merging: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
      provenance,
      warnings,
      [],
    );
  }
}
