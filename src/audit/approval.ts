/**
 * Approvals are separate signed records (one DSSE envelope each) that reference a snapshot by its Merkle root:
 * the snapshot row never changes, approvals are appended. The four-eyes rule (approver ≠ creator) is enforced
 * when signing and again when verifying, so a hand-made self-approval in a bundle is still flagged.
 */
import { z } from "zod";
import { fromBase64, fromUtf8, utf8 } from "./bytes.ts";
import { canonicalJson, parseCanonical } from "./canonical-json.ts";
import { signEnvelope, verifyEnvelope, type TDsseEnvelope } from "./dsse.ts";
import { ApprovalByCreatorError, SnapshotValidationError } from "./errors.ts";
import { HEX64 } from "./hash.ts";
import type { TSigner } from "./signer.ts";
import type { TSnapshotMeta } from "./snapshot-model.ts";

export const APPROVAL_PAYLOAD_TYPE = "application/vnd.parity.audit-approval.v1+json";

export const ZApproval = z.strictObject({
  snapshotRoot: z.string().regex(HEX64),
  estateId: z.string().min(1),
  sequence: z.int().positive(),
  approvedBy: z.string().min(1),
  approvedAt: z.iso.datetime({ offset: true }),
  comment: z.string(),
});
export type TApproval = z.infer<typeof ZApproval>;

export interface TSignedApproval {
  approval: TApproval;
  envelope: TDsseEnvelope;
}

/** Identities compare case- and space-insensitively: "Alice@Bank.ch " is the creator "alice@bank.ch". */
export function sameUser(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function approveSnapshot(
  snapshot: { meta: TSnapshotMeta; merkleRoot: string },
  input: { approvedBy: string; approvedAt: string; comment: string },
  signer: TSigner,
): TSignedApproval {
  if (sameUser(input.approvedBy, snapshot.meta.createdBy)) throw new ApprovalByCreatorError(input.approvedBy);
  const candidate = {
    snapshotRoot: snapshot.merkleRoot,
    estateId: snapshot.meta.estateId,
    sequence: snapshot.meta.sequence,
    approvedBy: input.approvedBy,
    approvedAt: input.approvedAt,
    comment: input.comment,
  };
  const parsed = ZApproval.safeParse(candidate);
  if (!parsed.success) throw SnapshotValidationError.from("approval", parsed.error);
  return { approval: parsed.data, envelope: signEnvelope(APPROVAL_PAYLOAD_TYPE, utf8(canonicalJson(parsed.data)), signer) };
}

export type TApprovalCheck = { ok: true; approval: TApproval } | { ok: false; reason: string; approval?: TApproval };

export function verifyApproval(
  envelope: unknown,
  snapshot: { meta: TSnapshotMeta; merkleRoot: string },
  publicKey: Uint8Array,
): TApprovalCheck {
  const sig = verifyEnvelope(envelope, publicKey, APPROVAL_PAYLOAD_TYPE);
  if (!sig.ok) return { ok: false, reason: sig.reason };
  const json = parseCanonical(sig.payload);
  if (!json.ok) return { ok: false, reason: `approval payload: ${json.reason}` };
  const parsed = ZApproval.safeParse(json.value);
  if (!parsed.success) return { ok: false, reason: `approval payload: ${parsed.error.issues[0]?.message}` };
  const a = parsed.data;
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
    return ZApproval.parse(JSON.parse(fromUtf8(fromBase64(envelope.payload))));
  } catch {
    return undefined;
  }
}
