/** SHA-256 in pure JS (@noble/hashes), hex: the provenance of every uploaded file and ZIP entry. */
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";

export type HashFunction = (bytes: Uint8Array) => string;

export const sha256Hex: HashFunction = (bytes) => bytesToHex(sha256(bytes));
