/** One lint finding about an NSX rule. */
export type LintKind = "shadowed" | "redundant" | "empty-group" | "disabled" | "unknown-reference";

export interface LintItem {
  kind: LintKind;
  ruleId: string;
  policy: string;
  severity: "error" | "warning" | "info";
  message: string;
  /** Rules (ids, or `default`) that decide the traffic instead: earlier ones for shadowed, later ones for redundant. */
  coveredBy?: string[];
}
