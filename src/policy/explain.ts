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

/** A query over a set of flows (no port, ICMP without code) can be allowed for some and denied for others. */
export type FlowVerdict = Verdict | "partial";

/** One part of a queried flow set that every enforcement point decides by the same rules. */
export interface FlowPart {
  /** The part's traffic, e.g. `ICMP type 8 code 0` or `TCP 0-79,81-65535`. */
  traffic: string;
  verdict: Verdict;
  decisions: Decision[];
}

/**
 * Overall result of evaluating one flow (or a set of flows) on one side: both enforcement points must
 * allow. `partial` when the flow set's parts get different verdicts; `parts` then names each part with
 * its deciding rules, and `decisions` are those of the first part.
 */
export interface FlowResult {
  side: Side;
  verdict: FlowVerdict;
  decisions: Decision[];
  /** Every part of the queried flow set with its own verdict and deciding rules (one part for one flow). */
  parts?: FlowPart[];
  /** The allowed part of the queried flows (`No Connections` when none). */
  allowed?: string;
}
