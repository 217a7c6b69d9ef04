/**
 * A signer is "something that signs bytes with the installation's Ed25519 key". The library never sees where
 * the key lives (file, KMS, HSM later); it receives this object. The key id travels with every signature.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { importPrivateKeyPem, keyIdOf, publicKeyToPem, type TEd25519KeyPair } from "./keys.ts";

export interface TSigner {
  /** Hex SHA-256 of the SPKI DER of the public key. */
  keyId: string;
  publicKey: Uint8Array;
  publicKeyPem: string;
  sign(message: Uint8Array): Uint8Array;
}

export function signerFromKeyPair(pair: TEd25519KeyPair): TSigner {
  return {
    keyId: keyIdOf(pair.publicKey),
    publicKey: pair.publicKey,
    publicKeyPem: publicKeyToPem(pair.publicKey),
    sign: (message) => ed25519.sign(message, pair.privateKey),
  };
}

export function signerFromPrivateKeyPem(pem: string): TSigner {
  return signerFromKeyPair(importPrivateKeyPem(pem));
}

/** Strict RFC 8032 verification (zip215 off): rejects non-canonical encodings, so signatures are not malleable. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
