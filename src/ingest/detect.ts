/**
 * Format detection from content, never from the file name: magic bytes for ZIP/XLSX, the root element
 * for XML, the shape of the JSON, the header row for CSV. Returns the parsed payload too, so a 100 MB
 * export is parsed once.
 */
import { isZip } from "./archive/zip.ts";
import { unrecognisedCsvMessage } from "./csv/csv-columns.ts";
import { readCsv, type CsvTable } from "./csv/read-csv.ts";
import { isCsvRuleExport } from "./csv/rules.ts";
import { EstateFragment } from "./fragment.ts";
import { isRvtoolsVinfo, isRvtoolsVnetwork } from "./inventory/rvtools.ts";
import { isXlsx } from "./inventory/xlsx.ts";
import { parseJson } from "./json/parse-json.ts";
import { dominantResourceType, looksLikeListEnvelope } from "./nsx-t/flat-lists.ts";
import { looksHierarchical } from "./nsx-t/hierarchical.ts";
import { looksLikeNsxVConfig } from "./nsx-v/firewall-config-xml.ts";
import { isGovcAttached } from "./tags/govc.ts";
import { isPowerCliTagAssignment } from "./tags/powercli.ts";
import { vsphereShapeOf } from "./tags/vsphere-automation.ts";
import { decodeText } from "./text.ts";
import type { DetectedFormat, ImportError } from "./types.ts";

export type Sniffed =
  | { kind: "zip" }
  | { kind: "xlsx" }
  | { kind: "json"; format: DetectedFormat; text: string; value: unknown }
  | { kind: "xml"; format: "nsx-v-firewall-xml"; text: string }
  | { kind: "csv"; format: DetectedFormat; table: CsvTable };

function looksLikeCollector(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const o = value as Record<string, unknown>;
  const collectorKeys = ["virtual_machines", "virtual_network_interface", "domains", "tier0", "tier1"];
  return (
    collectorKeys.filter((k) => k in o).length >= 2 ||
    (Array.isArray(o.domains) && o.domains.some((d) => typeof d === "object" && d !== null && "resources" in d))
  );
}

function jsonFormat(value: unknown): DetectedFormat | undefined {
  if (looksHierarchical(value)) return "nsx-t-hierarchical";
  if (looksLikeListEnvelope(value)) {
    const type = dominantResourceType(value);
    if (type === "VirtualMachine") return "nsx-fabric-vms";
    if (type === "VirtualNetworkInterface") return "nsx-fabric-vifs";
    return "nsx-t-flat-list";
  }
  if (looksLikeCollector(value)) return "nsx-collector";
  if (isGovcAttached(value)) return "govc-tags-attached";
  switch (vsphereShapeOf(value)) {
    case "attached-tags-on-objects":
      return "vsphere-attached-tags-on-objects";
    case "attached-objects-on-tags":
      return "vsphere-attached-objects-on-tags";
    case "associations":
      return "vsphere-tag-associations";
    case "tag-list":
      return "vsphere-tag-list";
    case "category-list":
      return "vsphere-category-list";
    case "vm-list":
      return "vsphere-vm-list";
    default:
      return undefined;
  }
}

function csvFormat(table: CsvTable): DetectedFormat | undefined {
  if (isCsvRuleExport(table)) return "csv-rules";
  if (isPowerCliTagAssignment(table)) return "powercli-tag-assignment";
  if (isRvtoolsVnetwork(table)) return "rvtools-vnetwork";
  if (isRvtoolsVinfo(table)) return "rvtools-vinfo";
  return undefined;
}

export function sniff(name: string, bytes: Uint8Array): { ok: true; sniffed: Sniffed } | { ok: false; errors: ImportError[] } {
  if (isZip(bytes)) return { ok: true, sniffed: isXlsx(bytes) ? { kind: "xlsx" } : { kind: "zip" } };
  const text = decodeText(bytes);
  const start = text.search(/\S/);
  if (start < 0) return { ok: false, errors: [{ file: name, where: "line 1, column 1", message: "file is empty" }] };
  const first = text[start];
  if (first === "{" || first === "[") {
    const parsed = parseJson(text);
    if (!parsed.ok) return { ok: false, errors: [{ file: name, where: parsed.where, message: parsed.message }] };
    const format = jsonFormat(parsed.value);
    if (!format)
      return {
        ok: false,
        errors: [
          {
            file: name,
            where: "/",
            message:
              "JSON of an unrecognised shape: expected an NSX-T hierarchical (Infra) export, a {results} list, a vmware-analyzer collector dump, or a vSphere/govc tagging response",
          },
        ],
      };
    return { ok: true, sniffed: { kind: "json", format, text, value: parsed.value } };
  }
  if (first === "<") {
    if (looksLikeNsxVConfig(text) || /<!(DOCTYPE|ENTITY)/i.test(text.slice(0, 4096)))
      return { ok: true, sniffed: { kind: "xml", format: "nsx-v-firewall-xml", text } };
    return {
      ok: false,
      errors: [
        { file: name, where: "line 1, column 1", message: "XML of an unrecognised kind: expected an NSX-V <firewallConfiguration>" },
      ],
    };
  }
  const probe = new EstateFragment(name);
  const table = readCsv(text, probe);
  if (!table) return { ok: false, errors: probe.errors };
  const format = csvFormat(table);
  if (!format)
    return {
      ok: false,
      errors: [
        {
          file: name,
          where: "line 1",
          message: unrecognisedCsvMessage(table),
        },
      ],
    };
  return { ok: true, sniffed: { kind: "csv", format, table } };
}

/** The format of one file, or undefined when it is not one this importer reads. */
export function detectFormat(name: string, bytes: Uint8Array): DetectedFormat | "zip" | undefined {
  const result = sniff(name, bytes);
  if (!result.ok) return undefined;
  const s = result.sniffed;
  if (s.kind === "zip") return "zip";
  if (s.kind === "xlsx") return "rvtools-xlsx";
  return s.format;
}
