/**
 * A small, deterministic XLSX (Office Open XML SpreadsheetML) writer over fflate: one sheet of strings and
 * numbers, a bold frozen header row with an auto-filter. It replaces exceljs, whose dependency tree pulled in
 * unmaintained packages (unzipper, fstream, rimraf@2, inflight) just to write this. Strings are written as
 * inline strings with XML escaping and characters XML 1.0 forbids removed; the ZIP has fixed timestamps, so
 * the same rows give the same bytes.
 */
import { zipSync, strToU8 } from "fflate";

export type TXlsxCell = string | number;

const ZIP_TIME = new Date(2000, 0, 1, 0, 0, 0);
// XML 1.0 forbids most C0 controls; Excel refuses a part containing them.
const FORBIDDEN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xmlText(value: string): string {
  return value.replace(FORBIDDEN_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A1-style column letters for a zero-based index. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(value: TXlsxCell, ref: string, bold: boolean): string {
  const style = bold ? ' s="1"' : "";
  if (typeof value === "number" && Number.isFinite(value)) return `<c r="${ref}"${style}><v>${value}</v></c>`;
  const text = xmlText(String(value));
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

export interface TXlsxSheet {
  name: string;
  header: string[];
  rows: TXlsxCell[][];
}

function sheetName(name: string): string {
  return xmlText(name.replace(/[\\/?*[\]:]/g, "_").slice(0, 31) || "Sheet");
}

function worksheetXml(sheet: TXlsxSheet): string {
  const width = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length), 1);
  const range = `A1:${columnName(width - 1)}${sheet.rows.length + 1}`;
  const sheetRows = [sheet.header, ...sheet.rows]
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${columnName(c)}${r + 1}`, r === 0)).join("")}</row>`)
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<dimension ref="${range}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    `<sheetData>${sheetRows}</sheetData>` +
    `<autoFilter ref="${range}"/>` +
    "</worksheet>"
  );
}

function filterName(sheet: TXlsxSheet, index: number): string {
  const width = Math.max(sheet.header.length, ...sheet.rows.map((r) => r.length), 1);
  const quoted = sheetName(sheet.name).replace(/'/g, "''");
  return `<definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">'${quoted}'!$A$1:$${columnName(width - 1)}$${sheet.rows.length + 1}</definedName>`;
}

/** One workbook of several sheets, each with a bold frozen header row and an auto-filter. */
export function writeXlsxWorkbook(sheets: TXlsxSheet[], mtime: Date = ZIP_TIME): Uint8Array {
  const files: Record<string, string> = {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      "</Types>",
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      "</Relationships>",
    "xl/workbook.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets>${sheets.map((sheet, i) => `<sheet name="${sheetName(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
      `<definedNames>${sheets.map(filterName).join("")}</definedNames>` +
      "</workbook>",
    "xl/_rels/workbook.xml.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      "</Relationships>",
    "xl/styles.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
      "</styleSheet>",
  };
  sheets.forEach((sheet, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = worksheetXml(sheet)));
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [path, xml] of Object.entries(files)) entries[path] = [strToU8(xml), { mtime }];
  return zipSync(entries, { level: 6, mtime });
}

/** One sheet: see writeXlsxWorkbook. */
export function writeXlsx(name: string, header: string[], rows: TXlsxCell[][]): Uint8Array {
  return writeXlsxWorkbook([{ name, header, rows }]);
}
