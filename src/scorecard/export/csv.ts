/**
 * CSV exports of a scorecard, safe to open in Excel: every field is quoted, and any text cell starting with
 * = + - @ tab or CR gets a leading apostrophe so spreadsheet software shows it as text instead of evaluating
 * it (OWASP "CSV Injection"). Numbers are written as numbers (a number cannot be a formula).
 */
import { stringify } from "csv-stringify/sync";
import type { TScorecard } from "../scorecard.ts";

// Full-width forms too (some locales evaluate them); every field is quoted below (OWASP CSV injection).
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Neutralises spreadsheet formulas in one text cell. */
export function escapeCsvCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null | undefined;

/** Rows to CSV text: every field quoted, formula-like text neutralised, CRLF records. */
export function toCsv(rows: Cell[][]): string {
  const safe = rows.map((row) =>
    row.map((c) => (c === null || c === undefined ? "" : typeof c === "number" ? round(c) : escapeCsvCell(c))),
  );
  return stringify(safe, { quoted: true, quoted_empty: true, record_delimiter: "\r\n" });
}

const round = (x: number) => String(Math.round(x * 1e6) / 1e6);

/** Wide table: one row per criterion with weight and each platform's score, then totals, ranks, P(rank 1). */
export function scorecardToCsv(s: TScorecard): string {
  const ids = s.platforms.map((p) => p.id);
  const rows: Cell[][] = [["Criterion", "Group", "Weight", "Knock-out below", ...s.platforms.map((p) => p.name)]];
  for (const c of s.criteria)
    rows.push([c.name, c.group, c.weight, c.knockOut?.minScore ?? "", ...ids.map((id) => c.scores.find((x) => x.platform === id)?.score)]);
  const result = (id: string) => s.results.find((r) => r.platform === id);
  rows.push(["Total (weighted)", "", 1, "", ...ids.map((id) => result(id)?.total)]);
  rows.push(["Rank", "", "", "", ...ids.map((id) => result(id)?.rank ?? "excluded")]);
  rows.push([
    `P(rank 1), Monte Carlo N=${s.monteCarlo.samples} seed=${s.monteCarlo.seed}`,
    "",
    "",
    "",
    ...ids.map((id) => s.monteCarlo.probabilityTop[id]),
  ]);
  for (const k of s.knockOuts) rows.push(["Knock-out", k.criterionId, "", "", ...ids.map((id) => (id === k.platform ? k.reason : ""))]);
  return toCsv(rows);
}

/** Long table: one row per criterion × platform with rationale, evidence, date and sources. */
export function scoreDetailsToCsv(s: TScorecard): string {
  const rows: Cell[][] = [
    ["Criterion id", "Criterion", "Platform", "Score", "Evidence", "Date", "Origin", "Rationale", "Sources", "Value", "Normalisation"],
  ];
  for (const c of s.criteria)
    for (const x of c.scores)
      rows.push([
        c.id,
        c.name,
        x.platform,
        x.score,
        x.evidence,
        x.date,
        x.origin,
        x.rationale,
        x.sources.map((r) => `${r.document} — ${r.section}`).join("; "),
        x.value ?? "",
        c.custom?.rule ?? "",
      ]);
  return toCsv(rows);
}
