/**
 * CSV reading shared by the CSV formats: header matched case-insensitively (spaces, `_` and `-` ignored),
 * every row with its line number so errors say `line 12, column 4`.
 */
import { parse } from "csv-parse/sync";
import type { EstateFragment } from "../fragment.ts";

export interface CsvTable {
  header: string[];
  rows: { cells: string[]; line: number }[];
  /** Column index by normalised header name. */
  column(name: string): number | undefined;
}

export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_\-#]+/g, "");
}

export function tableFrom(header: string[], rows: { cells: string[]; line: number }[]): CsvTable {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (!index.has(key)) index.set(key, i);
  });
  return { header, rows, column: (name) => index.get(normaliseHeader(name)) };
}

/** Sniffs `,` `;` or tab from the header line (European Excel writes `;`). */
function delimiterOf(firstLine: string): string {
  const counts = [",", ";", "\t"].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ",";
}

export function readCsv(text: string, fragment: EstateFragment): CsvTable | undefined {
  let body = text;
  let lineOffset = 0;
  // PowerShell's Export-Csv without -NoTypeInformation writes a "#TYPE ..." line first.
  if (body.startsWith("#TYPE")) {
    const newline = body.indexOf("\n");
    body = newline < 0 ? "" : body.slice(newline + 1);
    lineOffset = 1;
  }
  const firstLine = body.slice(0, Math.max(0, body.indexOf("\n")) || body.length);
  try {
    const records = parse(body, {
      delimiter: delimiterOf(firstLine),
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    if (records.length === 0) {
      fragment.error("line 1, column 1", "empty CSV: no header row");
      return undefined;
    }
    const header = records[0].record.map((h) => h.trim());
    const rows = records.slice(1).map((r) => ({ cells: r.record, line: r.info.lines + lineOffset }));
    return tableFrom(header, rows);
  } catch (error) {
    const e = error as { message?: string; lines?: number; column?: unknown };
    const line = (typeof e.lines === "number" ? e.lines : 1) + lineOffset;
    fragment.error(`line ${line}`, `Invalid CSV: ${e.message ?? String(error)}`);
    return undefined;
  }
}

/** `line L, column C` with C 1-based, as the error place of a cell. */
export function cellWhere(line: number, columnIndex: number): string {
  return `line ${line}, column ${columnIndex + 1}`;
}

/** Multi-value cells: values separated by `;`, `,` or newlines (NSX UI exports use newlines). */
export function splitMulti(cell: string | undefined, separators = /[;\n\r]+/): string[] {
  if (!cell) return [];
  return cell
    .split(separators)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
