/**
 * Spreadsheet formula injection (CWE-1236, OWASP "CSV Injection"): a cell whose text starts with = + - @,
 * tab or carriage return (or their full-width forms, which some spreadsheet locales also evaluate) may be
 * executed as a formula by Excel/LibreOffice. Such cells get a leading `'`, which spreadsheets display as
 * text and never evaluate. Applied to every string cell of every export; CSV writers also quote every field,
 * so a `;`- or tab-separated reading (the Swiss and German Excel default) cannot split a cell into a new one
 * that starts with `=`.
 */
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function escapeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** csv-stringify options for every CSV export: all fields quoted, CRLF rows (RFC 4180). */
export const SAFE_CSV_OPTIONS = { quoted: true, quoted_empty: true, record_delimiter: "\r\n" } as const;
