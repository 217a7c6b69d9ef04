/**
 * The report's full lists for the evidence bundle: every finding, every stored difference (in words and with
 * its counts), every rule's traceability row, and the verdict, as CSV (formula-injection safe) and JSON. The
 * PDF summarises; these files are where an auditor filters and counts. Derived from the sealed parts only,
 * so anyone can regenerate and compare them.
 */
import { stringify } from "csv-stringify/sync";
import { utf8 } from "../bytes.ts";
import { canonicalBytes } from "../canonical-json.ts";
import { escapeCell } from "../export/formula-escape.ts";
import { controlLabel, controlsForFinding } from "../controls/tagging.ts";
import type { TApproval } from "../approval.ts";
import type { TSealedSnapshot } from "../snapshot.ts";
import { verdictJson } from "../verdict.ts";
import { buildReportModel, type TReportModel } from "./report-model.ts";

export const REPORT_FILES = {
  verdict: "report/verdict.json",
  findings: "report/findings.csv",
  differences: "report/differences.csv",
  traceability: "report/traceability.csv",
  traceabilityJson: "report/traceability.json",
} as const;

function csv(header: string[], rows: (string | number)[][]): Uint8Array {
  const safe = rows.map((r) => r.map((c) => (typeof c === "string" ? escapeCell(c) : c)));
  return utf8(stringify([header, ...safe], { quoted_match: /[",\r\n]/, record_delimiter: "\r\n" }));
}

export function reportFilesOf(model: TReportModel): Record<string, Uint8Array> {
  return {
    [REPORT_FILES.verdict]: canonicalBytes({
      ...verdictJson(model.verdict),
      explanation: model.verdict.explanation,
      differencesStored: model.differencesStored,
    }),
    [REPORT_FILES.findings]: csv(
      ["id", "source", "severity", "title", "ruleIds", "why", "remediation", "controls"],
      model.findings.map((f) => [
        f.id,
        f.source,
        f.severity,
        f.title,
        f.ruleIds.join(" "),
        f.why ?? "",
        f.remediation ?? "",
        controlsForFinding({ ...f.raw, code: f.code })
          .map(controlLabel)
          .join("; "),
      ]),
    ),
    [REPORT_FILES.differences]: csv(
      ["status", "findingIds", "family", "sources", "destinations", "exampleFlow", "nsx", "kubernetes", "sentence"],
      model.differences.map((d) => [
        d.status,
        d.findingIds.join(" "),
        d.family ?? "",
        d.srcClass,
        d.dstClass,
        d.flow,
        d.nsx,
        d.k8s,
        d.sentence,
      ]),
    ),
    [REPORT_FILES.traceability]: csv(
      ["ruleId", "ruleName", "policy", "category", "action", "status", "emittedObjects", "findingIds", "owner", "justification"],
      model.trace.map((r) => [
        r.ruleId,
        r.ruleName,
        r.policy,
        r.category,
        r.action,
        r.status,
        r.objects.join(" "),
        r.findingIds.join(" "),
        r.owner ?? "",
        r.justification ?? "",
      ]),
    ),
    [REPORT_FILES.traceabilityJson]: canonicalBytes(model.trace),
  };
}

/** The bundle's report/ files for a snapshot's parts (approvals do not change them: anyone can regenerate them). */
export function reportFiles(sealed: Pick<TSealedSnapshot, "parts">, approvals: readonly TApproval[] = []): Record<string, Uint8Array> {
  return reportFilesOf(buildReportModel(sealed, approvals));
}
