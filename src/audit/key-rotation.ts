/**
 * Signing-key rotation recorded in the chain (issue 13). A rotation record announces the new key and is
 * signed by BOTH keys: the old key's signature is the announcement ("my successor is this key"), the new
 * key's signature proves its holder took part. Every snapshot sealed after a rotation carries the whole
 * history of records (keyRotations part, covered by its Merkle root), so an auditor who pinned any key of
 * the history can verify it offline: trust moves from the pinned key along valid records, in either
 * direction, because each record binds both keys with both signatures.
 */
import { z } from "zod";
import { fromBase64, toBase64, utf8 } from "./bytes.ts";
import { canonicalJson, parseCanonical } from "./canonical-json.ts";
import { pae, verifyEnvelope, ZDsseEnvelope, type TDsseEnvelope } from "./dsse.ts";
import { HEX64 } from "./hash.ts";
import { importPublicKeyPem, keyIdOf } from "./keys.ts";
import type { TSigner } from "./signer.ts";

export const KEY_ROTATION_PAYLOAD_TYPE = "application/vnd.parity.key-rotation.v1+json";

export const ZKeyRotationRecord = z.strictObject({
  oldKeyId: z.string().regex(HEX64),
  oldPublicKeyPem: z.string().min(1),
  newKeyId: z.string().regex(HEX64),
  newPublicKeyPem: z.string().min(1),
  rotatedAt: z.iso.datetime({ offset: true }),
  reason: z.string().min(1).max(2000),
});
export type TKeyRotationRecord = z.infer<typeof ZKeyRotationRecord>;

/** The keyRotations part: every rotation record of the signing key's history, oldest first. */
export const ZKeyRotations = z.array(ZDsseEnvelope);

export function announceKeyRotation(
  oldSigner: TSigner,
  newSigner: TSigner,
  input: { rotatedAt: string; reason: string },
): { record: TKeyRotationRecord; envelope: TDsseEnvelope } {
  if (oldSigner.keyId === newSigner.keyId) throw new Error("the new signing key is the old one");
  const record = ZKeyRotationRecord.parse({
    oldKeyId: oldSigner.keyId,
    oldPublicKeyPem: oldSigner.publicKeyPem,
    newKeyId: newSigner.keyId,
    newPublicKeyPem: newSigner.publicKeyPem,
    rotatedAt: input.rotatedAt,
    reason: input.reason,
  });
  const payload = utf8(canonicalJson(record));
  const message = pae(KEY_ROTATION_PAYLOAD_TYPE, payload);
  return {
    record,
    envelope: {
      payload: toBase64(payload),
      payloadType: KEY_ROTATION_PAYLOAD_TYPE,
      signatures: [
        { keyid: oldSigner.keyId, sig: toBase64(oldSigner.sign(message)) },
        { keyid: newSigner.keyId, sig: toBase64(newSigner.sign(message)) },
      ],
    },
  };
}

export type TRotationCheck = { ok: true; record: TKeyRotationRecord } | { ok: false; reason: string };

/** Both signatures valid, key ids = the announced keys. */
export function verifyKeyRotation(envelope: unknown): TRotationCheck {
  const env = ZDsseEnvelope.safeParse(envelope);
  if (!env.success) return { ok: false, reason: "not a DSSE envelope" };
  let payload: Uint8Array;
  try {
    payload = fromBase64(env.data.payload);
  } catch {
    return { ok: false, reason: "payload is not base64" };
  }
  const json = parseCanonical(payload);
  const parsed = json.ok ? ZKeyRotationRecord.safeParse(json.value) : undefined;
  if (!parsed?.success) return { ok: false, reason: `rotation record: ${json.ok ? parsed?.error?.issues[0]?.message : json.reason}` };
  const record = parsed.data;
  let oldKey: Uint8Array;
  let newKey: Uint8Array;
  try {
    oldKey = importPublicKeyPem(record.oldPublicKeyPem);
    newKey = importPublicKeyPem(record.newPublicKeyPem);
  } catch (error) {
    return { ok: false, reason: `rotation record key: ${(error as Error).message}` };
  }
  if (keyIdOf(oldKey) !== record.oldKeyId || keyIdOf(newKey) !== record.newKeyId)
    return { ok: false, reason: "rotation record key ids do not match its public keys" };
  const byOld = verifyEnvelope(envelope, oldKey, KEY_ROTATION_PAYLOAD_TYPE);
  if (!byOld.ok) return { ok: false, reason: `not signed by the old key ${record.oldKeyId}: ${byOld.reason}` };
  const byNew = verifyEnvelope(envelope, newKey, KEY_ROTATION_PAYLOAD_TYPE);
  if (!byNew.ok) return { ok: false, reason: `not signed by the new key ${record.newKeyId}: ${byNew.reason}` };
  return { ok: true, record };
}

export interface TTrustedKeys {
  /** Key id → raw public key, for every key reachable from the pinned key through valid records. */
  keys: Map<string, Uint8Array>;
  /** Key id → how it is trusted ("pinned" or "rotation from <id> at <time>"). */
  how: Map<string, string>;
  /** Records that did not verify (reported, never followed). */
  invalid: string[];
}

/** Keys trusted from `pinned` through the rotation records (both directions: each record is signed by both keys). */
export function trustedKeysFrom(pinned: Uint8Array, rotations: readonly unknown[]): TTrustedKeys {
  const keys = new Map<string, Uint8Array>([[keyIdOf(pinned), pinned]]);
  const how = new Map<string, string>([[keyIdOf(pinned), "pinned"]]);
  const invalid: string[] = [];
  const records: TKeyRotationRecord[] = [];
  rotations.forEach((r, i) => {
    const v = verifyKeyRotation(r);
    if (v.ok) records.push(v.record);
    else invalid.push(`rotation record ${i + 1}: ${v.reason}`);
  });
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of records) {
      const hasOld = keys.has(r.oldKeyId);
      const hasNew = keys.has(r.newKeyId);
      if (hasOld && !hasNew) {
        keys.set(r.newKeyId, importPublicKeyPem(r.newPublicKeyPem));
        how.set(r.newKeyId, `announced by key ${r.oldKeyId.slice(0, 16)}… at ${r.rotatedAt}`);
        grew = true;
      } else if (hasNew && !hasOld) {
        keys.set(r.oldKeyId, importPublicKeyPem(r.oldPublicKeyPem));
        how.set(r.oldKeyId, `predecessor of key ${r.newKeyId.slice(0, 16)}…, rotated at ${r.rotatedAt}`);
        grew = true;
      }
    }
  }
  return { keys, how, invalid };
}
