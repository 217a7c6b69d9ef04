/** Plain-text facts the PDF (and UI) print: verdict wording, counts, findings by severity. */
import type { TCount, TFinding, TSnapshotParts } from "../snapshot-model.ts";
import { SEVERITIES } from "../snapshot-model.ts";

const nf = new Intl.NumberFormat("en-US");

/** "3,200 of 3,200 rules" */
export function formatCount(c: TCount): string {
  return `${nf.format(c.imported)} of ${nf.format(c.total)} ${c.kind}`;
}

export function formatBytes(n: number): string {
  return `${nf.format(n)} bytes`;
}

export type TVerdictWord = "EQUIVALENT" | "NOT EQUIVALENT" | "NOT PROVIDED";

export function verdictOf(parts: TSnapshotParts): { word: TVerdictWord; sentence: string } {
  const e = parts.equivalence;
  if (e.status !== "provided") return { word: "NOT PROVIDED", sentence: `No equivalence result was provided: ${e.reason}` };
  return e.value.equivalent
    ? {
        word: "EQUIVALENT",
        sentence: "The translated Kubernetes policies allow exactly the traffic the NSX DFW policy allows (exact engine, no sampling).",
      }
    : {
        word: "NOT EQUIVALENT",
        sentence: `The translated Kubernetes policies and the NSX DFW policy differ: ${nf.format(e.value.differences.length)} difference(s) listed below.`,
      };
}

export interface TTaggedFinding extends TFinding {
  source: "equivalence" | "lint";
}

export function allFindings(parts: TSnapshotParts): TTaggedFinding[] {
  const out: TTaggedFinding[] = [];
  if (parts.equivalence.status === "provided")
    out.push(...parts.equivalence.value.findings.map((f) => ({ ...f, source: "equivalence" as const })));
  if (parts.lint.status === "provided") out.push(...parts.lint.value.findings.map((f) => ({ ...f, source: "lint" as const })));
  const rank = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return out.sort((a, b) => rank(a.severity) - rank(b.severity));
}

export function findingsBySeverity(findings: TFinding[]): { severity: string; count: number }[] {
  return SEVERITIES.map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length }));
}

/** One-line text for an opaque difference object from the engine. */
export function describeDifference(d: unknown): string {
  if (d === null || typeof d !== "object") return String(d);
  return Object.entries(d as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(", ");
}
