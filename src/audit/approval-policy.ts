/**
 * Segregation of duties for audit snapshots (issue 13, ISO/IEC 27001:2022 A.8.32 change management): per
 * estate, how many approvals a snapshot needs and which roles may give them. The policy in force when a
 * snapshot is sealed is frozen inside it (governance part), so it can be re-evaluated offline from the bundle
 * and cannot be weakened afterwards. A snapshot is "approved" only when enough valid approvals cover it;
 * any valid rejection blocks it for good (snapshots are immutable: seal a new one after fixing the cause).
 */
import { z } from "zod";

export const APPROVER_ROLES = ["admin", "security_engineer", "auditor", "architect"] as const;
export type TApproverRole = (typeof APPROVER_ROLES)[number];

export const ZApprovalPolicy = z.strictObject({
  /** Distinct people who must approve. */
  requiredApprovals: z.int().min(1).max(10),
  /** Roles whose approval counts (a rejection from any of them blocks). */
  approverRoles: z.array(z.enum(APPROVER_ROLES)).min(1),
  /** Whether someone with the creator's role may approve (default no: independence from the sealing team). */
  allowCreatorRole: z.boolean(),
});
export type TApprovalPolicy = z.infer<typeof ZApprovalPolicy>;

export function defaultApprovalPolicy(): TApprovalPolicy {
  return { requiredApprovals: 1, approverRoles: ["admin", "security_engineer", "auditor"], allowCreatorRole: false };
}

export const DEFAULT_RETENTION_YEARS = 10;

/** `createdAt` + `years`, same month/day/time (29 February falls back to 28 February in a common year). */
export function retainUntil(createdAt: string, years: number): string {
  const d = new Date(createdAt);
  const until = new Date(d);
  until.setUTCFullYear(d.getUTCFullYear() + years);
  if (until.getUTCMonth() !== d.getUTCMonth()) until.setUTCDate(0);
  return until.toISOString();
}

/** The fields of an approval record the policy reads. */
export interface TDecision {
  approvedBy: string;
  role: string | null;
  decision: "approve" | "reject";
  /** Part keys the approver reviewed; null for pre-issue-13 approvals (the whole snapshot). */
  scope: readonly string[] | null;
}

export interface TDecisionVerdict {
  counts: boolean;
  /** Why it does not count (role not allowed, same role as the creator, scope too narrow, duplicate person). */
  reason?: string;
}

export interface TApprovalStatus {
  state: "approved" | "rejected" | "pending";
  approvals: number;
  required: number;
  /** One sentence for the UI, the CLI and the report. */
  summary: string;
  perDecision: TDecisionVerdict[];
}

const ROLE_WORDS: Record<string, string> = {
  admin: "admin",
  security_engineer: "security engineer",
  auditor: "auditor",
  architect: "architect",
};
export const roleWord = (role: string | null) => (role ? (ROLE_WORDS[role] ?? role) : "role not recorded");

/**
 * Evaluates decisions (already signature-checked, in time order) against the policy. `coverParts` are the
 * parts an approval must cover to count (the snapshot's provided parts); the creator never counts.
 */
export function evaluateApprovals(
  policy: TApprovalPolicy,
  snapshot: { createdBy: string; creatorRole: string | null; coverParts: readonly string[] },
  decisions: readonly TDecision[],
): TApprovalStatus {
  const seen = new Set<string>();
  const perDecision = decisions.map((d): TDecisionVerdict => {
    const who = d.approvedBy.trim().toLowerCase();
    if (who === snapshot.createdBy.trim().toLowerCase())
      return { counts: false, reason: "the creator cannot decide on their own snapshot" };
    if (seen.has(who)) return { counts: false, reason: "this person has already decided" };
    seen.add(who);
    if (d.role === null) return { counts: false, reason: "no role recorded (approval predates the approval policy)" };
    if (!(policy.approverRoles as readonly string[]).includes(d.role))
      return { counts: false, reason: `${roleWord(d.role)} is not an approver role of this estate` };
    if (!policy.allowCreatorRole && snapshot.creatorRole !== null && d.role === snapshot.creatorRole)
      return { counts: false, reason: `same role as the creator (${roleWord(d.role)}); the policy requires another role` };
    if (d.decision === "approve" && d.scope !== null) {
      const missing = snapshot.coverParts.filter((p) => !d.scope!.includes(p));
      if (missing.length > 0) return { counts: false, reason: `covers only part of the snapshot (not ${missing.join(", ")})` };
    }
    return { counts: true };
  });
  const rejection = decisions.findIndex((d, i) => d.decision === "reject" && perDecision[i].counts);
  const approvals = decisions.filter((d, i) => d.decision === "approve" && perDecision[i].counts).length;
  const required = policy.requiredApprovals;
  if (rejection >= 0) {
    return {
      state: "rejected",
      approvals,
      required,
      perDecision,
      summary: `rejected by ${decisions[rejection].approvedBy} (${roleWord(decisions[rejection].role)})`,
    };
  }
  if (approvals >= required)
    return { state: "approved", approvals, required, perDecision, summary: `approved: ${approvals} of ${required} required approval(s)` };
  return {
    state: "pending",
    approvals,
    required,
    perDecision,
    summary: `awaiting approval: ${approvals} of ${required} required approval(s)`,
  };
}

const COVERABLE = ["inputs", "policy", "mappingProfile", "manifests", "equivalence", "lint", "engine", "ruleRecords", "deployment"];
/** Part file name (parts/x.json) → key, for the bundle verifier's part values. */
const KEY_OF_FILE: Record<string, string> = {
  "parts/inputs.json": "inputs",
  "parts/policy.json": "policy",
  "parts/mapping-profile.json": "mappingProfile",
  "parts/manifests.json": "manifests",
  "parts/equivalence.json": "equivalence",
  "parts/lint.json": "lint",
  "parts/engine.json": "engine",
  "parts/rule-records.json": "ruleRecords",
  "parts/deployment.json": "deployment",
};

/**
 * The parts an approval must cover to count: every part with content (inputs always; the others when
 * provided). Accepts the parts object (key → value) or the verifier's part values (file → value).
 */
export function coverPartsOf(parts: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(parts)) {
    const key = KEY_OF_FILE[name] ?? name;
    if (!COVERABLE.includes(key) || value === undefined) continue;
    const status = (value as { status?: unknown } | null)?.status;
    if (status === "not-provided") continue;
    out.push(key);
  }
  return [...new Set(out)].sort();
}
