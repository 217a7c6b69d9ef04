/**
 * Minimal, synchronous XLSX sheet reader (Office Open XML = a ZIP of XML parts) for RVTools workbooks:
 * workbook.xml names the sheets, its relationships locate them, cells are shared strings, inline strings,
 * booleans or numbers. It goes through the same bounded unzip and DTD-refusing XML parser as every upload,
 * which exceljs (asynchronous, Node-stream based) would not allow in this pure module.
 */
import { unzip } from "../archive/zip.ts";
import type { ImportLimits } from "../types.ts";
import { decodeXmlText, parseXml, textOf } from "../xml/safe-xml.ts";

export type XlsxSheets =
  | { ok: true; sheets: Map<string, { rows: { cells: string[]; line: number }[] }> }
  | { ok: false; errors: { where: string; message: string }[] };

export function isXlsx(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 70_000)));
  return tail.includes("xl/workbook.xml") && tail.includes("[Content_Types].xml");
}

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter((x) => typeof x === "object" && x !== null) as Node[];

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? "A";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Text of a shared string item: plain `<t>` or rich text runs `<r><t>`. */
function sharedStringText(si: Node): string {
  const direct = textOf(si.t);
  if (direct !== undefined) return direct;
  if (typeof si.t === "object" && si.t !== null) return textOf(si.t) ?? "";
  return asArray(si.r)
    .map((r) => textOf(r.t) ?? "")
    .join("");
}

export function readXlsxSheets(bytes: Uint8Array, limits: ImportLimits, wanted: readonly string[]): XlsxSheets {
  const unzipped = unzip(bytes, limits);
  if (!unzipped.ok) return unzipped;
  const parts = new Map(unzipped.entries.map((e) => [e.path, e.bytes]));
  const text = (path: string) => {
    const part = parts.get(path);
    return part ? new TextDecoder("utf-8").decode(part) : undefined;
  };
  const xml = (path: string, arrays: string[]) => {
    const body = text(path);
    if (body === undefined) return { ok: false as const, where: path, message: "part missing from the workbook" };
    const parsed = parseXml(body, new Set(arrays));
    return parsed.ok ? parsed : { ...parsed, where: `${path} ${parsed.where}` };
  };
  const workbook = xml("xl/workbook.xml", ["sheet"]);
  if (!workbook.ok) return { ok: false, errors: [{ where: workbook.where, message: workbook.message }] };
  const rels = xml("xl/_rels/workbook.xml.rels", ["Relationship"]);
  if (!rels.ok) return { ok: false, errors: [{ where: rels.where, message: rels.message }] };
  const targets = new Map<string, string>();
  for (const rel of asArray((rels.value.Relationships as Node | undefined)?.Relationship)) {
    const id = rel["@_Id"];
    const target = rel["@_Target"];
    if (typeof id === "string" && typeof target === "string") targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  let shared: string[] = [];
  if (parts.has("xl/sharedStrings.xml")) {
    const sst = xml("xl/sharedStrings.xml", ["si", "r"]);
    if (!sst.ok) return { ok: false, errors: [{ where: sst.where, message: sst.message }] };
    shared = asArray((sst.value.sst as Node | undefined)?.si).map(sharedStringText);
  }
  const sheets = new Map<string, { rows: { cells: string[]; line: number }[] }>();
  const sheetList = asArray(((workbook.value.workbook as Node | undefined)?.sheets as Node | undefined)?.sheet);
  for (const sheet of sheetList) {
    const name = typeof sheet["@_name"] === "string" ? decodeXmlText(sheet["@_name"]) : undefined;
    const relId = sheet["@_r:id"];
    if (!name || !wanted.includes(name) || typeof relId !== "string") continue;
    const path = targets.get(relId);
    if (!path) return { ok: false, errors: [{ where: `xl/workbook.xml`, message: `sheet ${name} has no relationship target` }] };
    const parsed = xml(path, ["row", "c"]);
    if (!parsed.ok) return { ok: false, errors: [{ where: parsed.where, message: parsed.message }] };
    const rows: { cells: string[]; line: number }[] = [];
    for (const row of asArray(((parsed.value.worksheet as Node | undefined)?.sheetData as Node | undefined)?.row)) {
      const line = Number(row["@_r"]) || rows.length + 1;
      const cells: string[] = [];
      for (const c of asArray(row.c)) {
        const index = typeof c["@_r"] === "string" ? columnIndex(c["@_r"]) : cells.length;
        if (index > 16_384) continue;
        const type = c["@_t"];
        let value: string;
        if (type === "s") value = shared[Number(textOf(c.v))] ?? "";
        else if (type === "inlineStr") value = typeof c.is === "object" && c.is !== null ? sharedStringText(c.is as Node) : "";
        else if (type === "b") value = textOf(c.v) === "1" ? "True" : "False";
        else value = textOf(c.v) ?? "";
        while (cells.length < index) cells.push("");
        cells[index] = value;
      }
      rows.push({ cells, line });
    }
    sheets.set(name, { rows });
  }
  return { ok: true, sheets };
}
