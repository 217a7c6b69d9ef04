/** One detected file → its EstateFragment, dispatching on the detected format. Never throws. */
import { parseCollectorExport } from "./collector/parse-collector-export.ts";
import { tableFrom } from "./csv/read-csv.ts";
import { parseCsvRules } from "./csv/rules.ts";
import type { Sniffed } from "./detect.ts";
import { EstateFragment } from "./fragment.ts";
import { isRvtoolsVinfo, isRvtoolsVnetwork, parseRvtoolsVinfo, parseRvtoolsVnetwork } from "./inventory/rvtools.ts";
import { readXlsxSheets } from "./inventory/xlsx.ts";
import { parseListEnvelope } from "./nsx-t/flat-lists.ts";
import { parseHierarchical } from "./nsx-t/hierarchical.ts";
import { parseNsxVFirewallConfig } from "./nsx-v/firewall-config-xml.ts";
import { parseGovcAttached } from "./tags/govc.ts";
import { parsePowerCliTagAssignment } from "./tags/powercli.ts";
import { parseVsphereTagging } from "./tags/vsphere-automation.ts";
import type { DetectedFormat, ImportLimits } from "./types.ts";

const RVTOOLS_SHEETS = ["vInfo", "vNetwork"] as const;

function parseRvtoolsXlsx(bytes: Uint8Array, limits: ImportLimits, fragment: EstateFragment): void {
  const workbook = readXlsxSheets(bytes, limits, RVTOOLS_SHEETS);
  if (!workbook.ok) {
    for (const e of workbook.errors) fragment.error(e.where, e.message);
    return;
  }
  if (workbook.sheets.size === 0) {
    fragment.error("xl/workbook.xml", "workbook has neither a vInfo nor a vNetwork sheet (is it an RVTools export?)");
    return;
  }
  for (const [name, sheet] of workbook.sheets) {
    if (sheet.rows.length === 0) continue;
    const [header, ...rows] = sheet.rows;
    const table = tableFrom(
      header.cells.map((c) => c.trim()),
      rows,
    );
    const prefix = `sheet ${name} `;
    if (name === "vInfo" && isRvtoolsVinfo(table)) parseRvtoolsVinfo(table, fragment, prefix);
    else if (name === "vNetwork" && isRvtoolsVnetwork(table)) parseRvtoolsVnetwork(table, fragment, prefix);
    else fragment.error(`${prefix}line 1`, `sheet ${name} lacks the RVTools columns (VM, Powerstate / Mac Address)`);
  }
}

export function parseFile(
  name: string,
  bytes: Uint8Array,
  sniffed: Exclude<Sniffed, { kind: "zip" }>,
  limits: ImportLimits,
): { fragment: EstateFragment; format: DetectedFormat } {
  const fragment = new EstateFragment(name);
  if (sniffed.kind === "xlsx") {
    parseRvtoolsXlsx(bytes, limits, fragment);
    return { fragment, format: "rvtools-xlsx" };
  }
  if (sniffed.kind === "xml") {
    parseNsxVFirewallConfig(sniffed.text, fragment);
    return { fragment, format: sniffed.format };
  }
  if (sniffed.kind === "csv") {
    if (sniffed.format === "csv-rules") parseCsvRules(sniffed.table, fragment);
    else if (sniffed.format === "powercli-tag-assignment") parsePowerCliTagAssignment(sniffed.table, fragment);
    else if (sniffed.format === "rvtools-vnetwork") parseRvtoolsVnetwork(sniffed.table, fragment);
    else parseRvtoolsVinfo(sniffed.table, fragment);
    return { fragment, format: sniffed.format };
  }
  const { format, value } = sniffed;
  switch (format) {
    case "nsx-t-hierarchical":
      parseHierarchical(value, fragment);
      break;
    case "nsx-t-flat-list":
    case "nsx-fabric-vms":
    case "nsx-fabric-vifs":
      parseListEnvelope(value, fragment);
      break;
    case "nsx-collector": {
      const { estate, errors } = parseCollectorExport(sniffed.text, name);
      for (const e of errors) fragment.errors.push(e);
      fragment.policies.push(...estate.policies);
      fragment.groups.push(...estate.groups);
      fragment.services.push(...estate.services);
      fragment.vms.push(...estate.vms);
      fragment.segments.push(...estate.segments);
      if (estate.defaultRuleId)
        fragment.defaultRule = { action: estate.defaultAction, id: estate.defaultRuleId, source: fragment.ref("/") };
      break;
    }
    case "govc-tags-attached":
      parseGovcAttached(value, fragment);
      break;
    case "vsphere-attached-tags-on-objects":
      parseVsphereTagging(value, "attached-tags-on-objects", fragment);
      break;
    case "vsphere-attached-objects-on-tags":
      parseVsphereTagging(value, "attached-objects-on-tags", fragment);
      break;
    case "vsphere-tag-associations":
      parseVsphereTagging(value, "associations", fragment);
      break;
    case "vsphere-tag-list":
      parseVsphereTagging(value, "tag-list", fragment);
      break;
    case "vsphere-category-list":
      parseVsphereTagging(value, "category-list", fragment);
      break;
    case "vsphere-vm-list":
      parseVsphereTagging(value, "vm-list", fragment);
      break;
    default:
      fragment.error("/", `no reader for format ${format}`);
  }
  return { fragment, format };
}
