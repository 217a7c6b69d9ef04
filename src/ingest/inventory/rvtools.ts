/**
 * RVTools vInfo (one row per VM: name, moref "VM ID", instance "VM UUID", "SMBIOS UUID", primary IP, OS)
 * and vNetwork (one row per vNIC: MAC, IPv4 and IPv6 addresses), from CSV exports or the XLSX workbook.
 */
import { addressProblem, isMacAddress, normaliseMac } from "../addresses.ts";
import { cellWhere, type CsvTable } from "../csv/read-csv.ts";
import type { EstateFragment, VcenterVmRecord } from "../fragment.ts";

export function isRvtoolsVinfo(table: CsvTable): boolean {
  return (
    table.column("VM") !== undefined &&
    table.column("Powerstate") !== undefined &&
    table.column("Adapter") === undefined &&
    table.column("Mac Address") === undefined
  );
}

export function isRvtoolsVnetwork(table: CsvTable): boolean {
  return table.column("VM") !== undefined && (table.column("Mac Address") !== undefined || table.column("Adapter") !== undefined);
}

function addresses(fragment: EstateFragment, cell: string | undefined, line: number, column: number, into: string[]): void {
  // RVTools joins several addresses with ", " and writes "unknown" when VMware Tools has none.
  for (const value of (cell ?? "")
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter((v) => v && v.toLowerCase() !== "unknown")) {
    const problem = addressProblem(value);
    if (problem || value.includes("/")) fragment.error(cellWhere(line, column), problem ?? `"${value}" is not a single address`);
    else if (!into.includes(value)) into.push(value);
  }
}

function isTemplate(text: string | undefined): boolean {
  return (text ?? "").trim().toLowerCase() === "true";
}

type Cell = (index: number | undefined) => string | undefined;

/**
 * Both sheets: one VM record per row (templates skipped, an empty VM name is an error), with the identities
 * both sheets carry (moref "VM ID", instance "VM UUID"); `readSheet` adds what only its sheet has.
 */
function parseVmRows(
  table: CsvTable,
  fragment: EstateFragment,
  wherePrefix: string,
  readSheet: (record: VcenterVmRecord, cell: Cell, line: number) => void,
): void {
  const c = (name: string) => table.column(name);
  const vm = c("VM")!;
  for (const row of table.rows) {
    const cell: Cell = (index) => (index === undefined ? undefined : row.cells[index]?.trim() || undefined);
    if (isTemplate(cell(c("Template")))) continue;
    const name = cell(vm);
    if (!name) {
      fragment.error(wherePrefix + cellWhere(row.line, vm), "VM name is empty");
      continue;
    }
    const record: VcenterVmRecord = { name, ips: [], macs: [], source: fragment.ref(`${wherePrefix}line ${row.line}`) };
    const moref = cell(c("VM ID"));
    const instanceUuid = cell(c("VM UUID"));
    if (moref) record.moref = moref;
    if (instanceUuid) record.instanceUuid = instanceUuid.toLowerCase();
    readSheet(record, cell, row.line);
    fragment.vcenterVms.push(record);
  }
}

export function parseRvtoolsVinfo(table: CsvTable, fragment: EstateFragment, wherePrefix = ""): void {
  const c = (name: string) => table.column(name);
  parseVmRows(table, fragment, wherePrefix, (record, cell, line) => {
    const biosUuid = cell(c("SMBIOS UUID"));
    const osName = cell(c("OS according to the VMware Tools")) ?? cell(c("OS according to the configuration file"));
    const dnsName = cell(c("DNS Name"));
    if (biosUuid) record.biosUuid = biosUuid.toLowerCase();
    if (osName) record.osName = osName;
    if (dnsName) record.computerName = dnsName;
    const ipColumn = c("Primary IP Address");
    if (ipColumn !== undefined) addresses(fragment, cell(ipColumn), line, ipColumn, record.ips);
  });
}

export function parseRvtoolsVnetwork(table: CsvTable, fragment: EstateFragment, wherePrefix = ""): void {
  const c = (name: string) => table.column(name);
  parseVmRows(table, fragment, wherePrefix, (record, cell, line) => {
    const macColumn = c("Mac Address");
    const mac = cell(macColumn);
    if (mac) {
      if (!isMacAddress(mac)) fragment.error(wherePrefix + cellWhere(line, macColumn!), `"${mac}" is not a MAC address`);
      else record.macs.push(normaliseMac(mac));
    }
    for (const column of ["IPv4 Address", "IPv6 Address", "IP Address"]) {
      const index = c(column);
      if (index !== undefined) addresses(fragment, cell(index), line, index, record.ips);
    }
  });
}
