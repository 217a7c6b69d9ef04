/**
 * The decision record as CSV (one table, section in the first column), escaped like every scorecard CSV:
 * every field quoted, formula-like text neutralised (csv.ts).
 */
import { choiceStanding, type TDecisionRecord } from "../decision.ts";
import { toCsv, type Cell } from "./csv.ts";

export function decisionToCsv(record: TDecisionRecord, options: { sha256?: string; seal?: string } = {}): string {
  const s = record.scorecard;
  const ids = s.platforms.map((p) => p.id);
  const rows: Cell[][] = [["Section", "Item", "Detail", ...s.platforms.map((p) => p.name)]];
  const pad = (n: number) => ids.slice(0, n).map(() => "");
  const meta = (item: string, detail: Cell) => rows.push(["Decision", item, detail, ...pad(ids.length)]);
  meta("Number", record.number);
  meta("Estate", record.estate.name);
  meta("Decided at", record.decidedAt);
  meta("Decided by", `${record.decidedBy.name} <${record.decidedBy.email}>`);
  meta("Scorecard version", record.scorecardVersion);
  meta("Chosen platform", s.platforms.find((p) => p.id === record.chosenPlatform)?.name ?? record.chosenPlatform);
  meta("Standing", choiceStanding(record));
  meta("Rationale", record.rationale);
  meta("Dissent", record.dissent || "none recorded");
  meta("Record SHA-256", options.sha256 ?? "");
  meta("Audit seal", options.seal ?? "not sealed");
  rows.push(["Explanation", "Lead", s.explanation.leadSentence, ...pad(ids.length)]);
  rows.push(["Explanation", "Rank 1/2 flip", s.explanation.flipSentence, ...pad(ids.length)]);
  rows.push(["Weights", "Method", s.weights.method, ...pad(ids.length)]);
  for (const a of s.weights.ahp) rows.push(["Weights", `AHP ${a.label}`, `CR ${a.cr.toFixed(4)}`, ...pad(ids.length)]);
  for (const c of s.criteria)
    rows.push([
      "Score",
      c.name,
      `weight ${c.weight.toFixed(6)}${c.custom ? `; ${c.custom.rule}` : ""}`,
      ...ids.map((id) => c.scores.find((x) => x.platform === id)?.score),
    ]);
  for (const c of s.criteria)
    for (const x of c.scores)
      rows.push([
        "Evidence",
        `${c.name} × ${x.platform}`,
        `${x.evidence}, ${x.date}${x.value ? `; value ${x.value}` : ""}; ${x.rationale}; sources: ${x.sources.map((r) => `${r.document} — ${r.section}`).join("; ")}${x.answerId ? `; workshop answer ${x.answerId}` : ""}`,
        ...pad(ids.length),
      ]);
  const result = (id: string) => s.results.find((r) => r.platform === id);
  rows.push(["Result", "Total (weighted)", "", ...ids.map((id) => result(id)?.total)]);
  rows.push(["Result", "Rank", "", ...ids.map((id) => result(id)?.rank ?? "excluded")]);
  rows.push([
    "Result",
    `P(rank 1), Monte Carlo N=${s.monteCarlo.samples} seed=${s.monteCarlo.seed}`,
    "",
    ...ids.map((id) => s.monteCarlo.probabilityTop[id]),
  ]);
  for (const k of s.knockOuts) rows.push(["Knock-out", k.criterionId, k.reason, ...ids.map((id) => (id === k.platform ? "excluded" : ""))]);
  const flip = s.sensitivity.rankFlip;
  for (const c of flip.criteria)
    rows.push([
      "Sensitivity",
      c.criterion,
      `weight ${c.weight.toFixed(4)}; leader changes if raised to ${c.increase ? `${c.increase.weight.toFixed(4)} (${c.increase.newTop})` : "never"}; if lowered to ${c.decrease ? `${c.decrease.weight.toFixed(4)} (${c.decrease.newTop})` : "never"}`,
      ...pad(ids.length),
    ]);
  for (const a of record.workshopEvidence)
    rows.push([
      "Workshop answer",
      `${a.platform} ${a.session.date} ${a.questionId ?? "custom"}: ${a.questionTitle}`,
      `${a.answer}${a.attachments.length ? ` [attachments: ${a.attachments.map((f) => `${f.name} sha256 ${f.sha256}`).join("; ")}]` : ""}`,
      ...pad(ids.length),
    ]);
  return toCsv(rows);
}
