/**
 * Spreadsheet formula injection (CWE-1236, OWASP "CSV Injection"): a cell whose text starts with = + - @,
 * tab or carriage return may be executed as a formula by Excel/LibreOffice. Such cells get a leading `'`,
 * which spreadsheets display as text and never evaluate. Applied to every string cell of every export.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function escapeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}
