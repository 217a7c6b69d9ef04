/** SHA-256 via @noble/hashes (audited, pure JS): the one digest every part, leaf, key id and file uses. */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "./bytes.ts";

export function sha256Bytes(data: Uint8Array): Uint8Array {
  return sha256(data);
}

export function sha256Hex(data: Uint8Array): string {
  return bytesToHex(sha256(data));
}

export const HEX64 = /^[0-9a-f]{64}$/;
