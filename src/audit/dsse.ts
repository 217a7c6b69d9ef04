/**
 * DSSE (Dead Simple Signing Envelope, github.com/secure-systems-lab/dsse, protocol v1).
 * The signature covers PAE(payloadType, payload), never the JSON envelope, so the payload type cannot be
 * swapped and no JSON canonicalisation is needed for signing:
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *   LEN(s)          = ASCII decimal byte length of s, no leading zeros
 */
import { z } from "zod";
import { concatBytes, fromBase64, toBase64, utf8 } from "./bytes.ts";
import { HEX64 } from "./hash.ts";
import { keyIdOf } from "./keys.ts";
import { verifyEd25519, type TSigner } from "./signer.ts";

export const ZDsseSignature = z.strictObject({ keyid: z.string(), sig: z.string() });
export const ZDsseEnvelope = z.strictObject({
  payload: z.string(),
  payloadType: z.string(),
  signatures: z.array(ZDsseSignature).min(1),
});
export type TDsseEnvelope = z.infer<typeof ZDsseEnvelope>;

export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8(payloadType);
  return concatBytes(utf8(`DSSEv1 ${type.length} `), type, utf8(` ${payload.length} `), payload);
}

export function signEnvelope(payloadType: string, payload: Uint8Array, signer: TSigner): TDsseEnvelope {
  const sig = signer.sign(pae(payloadType, payload));
  return { payload: toBase64(payload), payloadType, signatures: [{ keyid: signer.keyId, sig: toBase64(sig) }] };
}

export type TEnvelopeCheck = { ok: true; payload: Uint8Array; keyId: string } | { ok: false; reason: string };

/**
 * Verifies that the envelope carries a valid signature by `publicKey` over its payload, with the expected
 * payload type. Only the signature whose keyid equals the key's id is considered.
 */
export function verifyEnvelope(envelope: unknown, publicKey: Uint8Array, expectedPayloadType: string): TEnvelopeCheck {
  const parsed = ZDsseEnvelope.safeParse(envelope);
  if (!parsed.success) return { ok: false, reason: `not a DSSE envelope: ${parsed.error.issues[0]?.message}` };
  const env = parsed.data;
  if (env.payloadType !== expectedPayloadType) {
    return { ok: false, reason: `payloadType is "${env.payloadType}", expected "${expectedPayloadType}"` };
  }
  const keyId = keyIdOf(publicKey);
  const mine = env.signatures.filter((s) => s.keyid === keyId);
  if (mine.length !== 1) {
    const ids = env.signatures.map((s) => (HEX64.test(s.keyid) ? s.keyid : JSON.stringify(s.keyid))).join(", ");
    return { ok: false, reason: `expected exactly one signature with keyid ${keyId}, found keyids: ${ids}` };
  }
  let payload: Uint8Array;
  let sig: Uint8Array;
  try {
    payload = fromBase64(env.payload);
    sig = fromBase64(mine[0].sig);
  } catch (error) {
    return { ok: false, reason: `bad base64: ${(error as Error).message}` };
  }
  if (!verifyEd25519(sig, pae(env.payloadType, payload), publicKey)) {
    return { ok: false, reason: "Ed25519 signature does not verify against the public key" };
  }
  return { ok: true, payload, keyId };
}
