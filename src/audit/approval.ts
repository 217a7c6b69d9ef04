/**
 * Approvals are separate signed records (one DSSE envelope each) that reference a snapshot by its Merkle root:
 * the snapshot row never changes, approvals are appended. Since issue 13 a record is a change record: the
 * decider's role, a change/ticket reference, approve or reject with a reason, and the parts it covers;
 * whether a snapshot counts as approved is the approval policy's call (approval-policy.ts). The four-eyes rule (approver ≠ creator) is enforced
 * when signing and again when verifying, so a hand-made self-approval in a bundle is still flagged.
 */
import { z } from "zod";
import { fromBase64, fromUtf8, utf8 } from "./bytes.ts";
import { canonicalJson, parseCanonical } from "./canonical-json.ts";
import { signEnvelope, verifyEnvelope, ZDsseEnvelope, type TDsseEnvelope } from "./dsse.ts";
import { ApprovalByCreatorError, SnapshotValidationError } from "./errors.ts";
import { HEX64 } from "./hash.ts";
import type { TSigner } from "./signer.ts";
import type { TSnapshotMeta } from "./snapshot-model.ts";

/** Pre-issue-13 approvals (who, when, comment); still verified, and shown as "role not recorded". */
export const APPROVAL_PAYLOAD_TYPE_V1 = "application/vnd.parity.audit-approval.v1+json";
/** Change records: role, change/ticket reference, approve or reject with a reason, scope. */
export const APPROVAL_PAYLOAD_TYPE = "application/vnd.parity.audit-approval.v2+json";

export const ZApprovalV1 = z.strictObject({
  snapshotRoot: z.string().regex(HEX64),
  estateId: z.string().min(1),
  sequence: z.int().positive(),
  approvedBy: z.string().min(1),
  approvedAt: z.iso.datetime({ offset: true }),
  comment: z.string(),
});

export const ZApprovalRecord = z.strictObject({
  snapshotRoot: z.string().regex(HEX64),
  estateId: z.string().min(1),
  sequence: z.int().positive(),
  /** The person deciding (approve or reject); the field keeps its v1 name. */
  approvedBy: z.string().min(1),
  approvedAt: z.iso.datetime({ offset: true }),
  role: z.string().min(1),
  decision: z.enum(["approve", "reject"]),
  /** Change or ticket reference (e.g. CHG-1042) the decision belongs to. */
  changeRef: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(1).max(4000),
  /** Part keys (inputs, policy, manifests, …) the decision covers. */
  scope: z.array(z.string().min(1)).min(1),
});
export type TApprovalRecord = z.infer<typeof ZApprovalRecord>;

/** Both versions in one shape: v1 records read as approvals without role, change reference or scope. */
export interface TApproval {
  snapshotRoot: string;
  estateId: string;
  sequence: number;
  approvedBy: string;
  approvedAt: string;
  role: string | null;
  decision: "approve" | "reject";
  changeRef: string | null;
  reason: string;
  /** null: a v1 approval (covers the snapshot as a whole). */
  scope: string[] | null;
  /** = reason (what the report printed before issue 13). */
  comment: string;
}
/** @deprecated name kept for callers: the record as signed. */
export const ZApproval = ZApprovalRecord;

function fromV1(a: z.infer<typeof ZApprovalV1>): TApproval {
  return { ...a, role: null, decision: "approve", changeRef: null, reason: a.comment, scope: null };
}
function fromV2(a: TApprovalRecord): TApproval {
  return { ...a, comment: a.reason };
}

export interface TSignedApproval {
  approval: TApproval;
  envelope: TDsseEnvelope;
}

/** Identities compare case- and space-insensitively: "Alice@Bank.ch " is the creator "alice@bank.ch". */
export function sameUser(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export interface TDecisionInput {
  approvedBy: string;
  approvedAt: string;
  role: string;
  decision: "approve" | "reject";
  changeRef: string;
  reason: string;
  scope: string[];
}

export function approveSnapshot(
  snapshot: { meta: TSnapshotMeta; merkleRoot: string },
  input: TDecisionInput,
  signer: TSigner,
): TSignedApproval {
  if (sameUser(input.approvedBy, snapshot.meta.createdBy)) throw new ApprovalByCreatorError(input.approvedBy);
  const candidate = {
    snapshotRoot: snapshot.merkleRoot,
    estateId: snapshot.meta.estateId,
    sequence: snapshot.meta.sequence,
    approvedBy: input.approvedBy,
    approvedAt: input.approvedAt,
    role: input.role,
    decision: input.decision,
    changeRef: input.changeRef,
    reason: input.reason,
    scope: [...new Set(input.scope)].sort(),
  };
  const parsed = ZApprovalRecord.safeParse(candidate);
  if (!parsed.success) throw SnapshotValidationError.from("approval", parsed.error);
  return {
    approval: fromV2(parsed.data),
    envelope: signEnvelope(APPROVAL_PAYLOAD_TYPE, utf8(canonicalJson(parsed.data)), signer),
  };
}

/** Reads a signed payload of either version (the signature is checked by the caller). */
function readPayload(payloadType: string, payload: Uint8Array): { ok: true; approval: TApproval } | { ok: false; reason: string } {
  const json = parseCanonical(payload);
  if (!json.ok) return { ok: false, reason: `approval payload: ${json.reason}` };
  const parsed = payloadType === APPROVAL_PAYLOAD_TYPE_V1 ? ZApprovalV1.safeParse(json.value) : ZApprovalRecord.safeParse(json.value);
  if (!parsed.success) return { ok: false, reason: `approval payload: ${parsed.error.issues[0]?.message}` };
  return { ok: true, approval: "role" in parsed.data ? fromV2(parsed.data) : fromV1(parsed.data) };
}

export type TApprovalCheck = { ok: true; approval: TApproval } | { ok: false; reason: string; approval?: TApproval };

/**
 * Checks an approval's signature by the snapshot's key or by any key the caller trusts for it (a successor
 * announced through a key rotation), its binding to this snapshot, and the four-eyes rule.
 */
export function verifyApproval(
  envelope: unknown,
  snapshot: { meta: TSnapshotMeta; merkleRoot: string },
  publicKeys: Uint8Array | readonly Uint8Array[],
): TApprovalCheck {
  const keys = publicKeys instanceof Uint8Array ? [publicKeys] : publicKeys;
  const parsed = ZDsseEnvelope.safeParse(envelope);
  if (!parsed.success) return { ok: false, reason: `not a DSSE envelope: ${parsed.error.issues[0]?.message}` };
  const type = parsed.data.payloadType === APPROVAL_PAYLOAD_TYPE_V1 ? APPROVAL_PAYLOAD_TYPE_V1 : APPROVAL_PAYLOAD_TYPE;
  let sig: ReturnType<typeof verifyEnvelope> = { ok: false, reason: "no trusted key" };
  for (const key of keys) {
    sig = verifyEnvelope(envelope, key, type);
    if (sig.ok) break;
  }
  if (!sig.ok) return { ok: false, reason: sig.reason };
  const read = readPayload(type, sig.payload);
  if (!read.ok) return read;
  const a = read.approval;
  if (a.snapshotRoot !== snapshot.merkleRoot) {
    return { ok: false, approval: a, reason: `approves root ${a.snapshotRoot}, not this snapshot's ${snapshot.merkleRoot}` };
  }
  if (a.estateId !== snapshot.meta.estateId || a.sequence !== snapshot.meta.sequence) {
    return { ok: false, approval: a, reason: "estate id or sequence differ from the snapshot" };
  }
  if (sameUser(a.approvedBy, snapshot.meta.createdBy)) {
    return { ok: false, approval: a, reason: `approved by the creator ${a.approvedBy} (four-eyes rule)` };
  }
  return { ok: true, approval: a };
}

/** Reads an approval's payload without checking the signature (for display only; verify with verifyApproval). */
export function approvalFromEnvelope(envelope: TDsseEnvelope): TApproval | undefined {
  try {
    const read = readPayload(envelope.payloadType, utf8(fromUtf8(fromBase64(envelope.payload))));
    return read.ok ? read.approval : undefined;
  } catch {
    return undefined;
  }
}

/** "approved by x (auditor), CHG-1: reason" — one line for CLI checks and logs. */
export function describeApproval(a: TApproval): string {
  const verb = a.decision === "approve" ? "approved" : "REJECTED";
  const role = a.role ? ` (${a.role})` : " (role not recorded)";
  const change = a.changeRef ? `, change ${a.changeRef}` : "";
  const scope = a.scope ? `, covers ${a.scope.join(", ")}` : "";
  return `${verb} by ${a.approvedBy}${role} at ${a.approvedAt}${change}${scope}: ${a.reason}`;
}
