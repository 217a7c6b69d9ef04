/** Plain-text facts the PDF, the bundle and the snapshot list print: the snapshot's verdict, counts, findings by severity. */
import type { TCount, TFinding, TSnapshotParts } from "../snapshot-model.ts";
import { SEVERITIES } from "../snapshot-model.ts";
import { countsOfEquivalencePart, verdictOf, type TVerdict } from "../verdict.ts";

const nf = new Intl.NumberFormat("en-US");

/** "3,200 of 3,200 rules" */
export function formatCount(c: TCount): string {
  return `${nf.format(c.imported)} of ${nf.format(c.total)} ${c.kind}`;
}

export function formatBytes(n: number): string {
  return `${nf.format(n)} bytes`;
}

/** The verdict a snapshot states, in the one vocabulary of src/audit/verdict.ts. */
export function snapshotVerdict(parts: Pick<TSnapshotParts, "equivalence">): TVerdict {
  return verdictOf(countsOfEquivalencePart(parts.equivalence));
}

export function findingsBySeverity(findings: TFinding[]): { severity: string; count: number }[] {
  return SEVERITIES.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length }));
}
