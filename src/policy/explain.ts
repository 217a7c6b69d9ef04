/**
 * The engine's explanation vocabulary, shared by both sides (NSX and Kubernetes), the CLI, the UI and
 * the audit PDF: every verdict names, per enforcement point, the rule or default that decided.
 */

export type Side = "nsx" | "k8s";

/** allow/deny on both sides; NSX additionally distinguishes reject (a deny that answers the sender). */
export type Verdict = "allow" | "deny" | "reject";

export interface Decision {
  side: Side;
  /**
   * Where the decision was taken, e.g. `vnic-out:web-01` / `vnic-in:db-01` (NSX) or
   * `egress:shop/web[Deployment]` / `ingress:shop/db[VirtualMachine]` (Kubernetes).
   */
  enforcementPoint: string;
  verdict: Verdict;
  /** NSX policy / Kubernetes object (`AdminNetworkPolicy/name`, `NetworkPolicy/ns/name`, ...), if a rule decided. */
  policy?: string;
  /** Rule name or id and its index within the policy (0-based), if a rule decided. */
  rule?: string;
  ruleId?: string;
  ruleIndex?: number;
  /** The rule's own action as written (ALLOW, DROP, Pass, Deny, ...), or DEFAULT. */
  action: string;
  /** True when no rule matched and a default (NSX default rule, Kubernetes default allow / isolation) applied. */
  isDefault: boolean;
  /** Human-readable one-liner for UIs and reports. */
  summary: string;
}

/** Overall result of evaluating one flow on one side: both enforcement points must allow. */
export interface FlowResult {
  side: Side;
  verdict: Verdict;
  decisions: Decision[];
}
