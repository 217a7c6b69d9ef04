/**
 * Ed25519 keys in the formats OpenSSL writes (`openssl genpkey -algorithm ed25519`, `openssl pkey -pubout`):
 * PKCS#8 (RFC 8410) private key and SubjectPublicKeyInfo public key, both PEM. For Ed25519 the DER is a fixed
 * prefix followed by the 32 raw bytes, so we compare prefixes instead of carrying an ASN.1 parser. The key id
 * is the SHA-256 of the SPKI DER, the same value `openssl pkey -pubin -outform DER | sha256sum` prints.
 * Randomness is injected so this file stays pure (the caller passes crypto.getRandomValues output).
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { bytesToHex, concatBytes, equalBytes, fromBase64, hexToBytes, toBase64 } from "./bytes.ts";
import { sha256Hex } from "./hash.ts";

/** SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } } */
const PKCS8_PREFIX = hexToBytes("302e020100300506032b657004220420");
/** SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits, 32 bytes) } */
const SPKI_PREFIX = hexToBytes("302a300506032b6570032100");

export class KeyFormatError extends Error {
  override name = "KeyFormatError";
}

export interface TEd25519KeyPair {
  /** 32-byte RFC 8032 secret (the "seed"). */
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export function keyPairFromSeed(seed: Uint8Array): TEd25519KeyPair {
  if (seed.length !== 32) throw new KeyFormatError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return { privateKey: Uint8Array.from(seed), publicKey: ed25519.getPublicKey(seed) };
}

/** `randomBytes` must be 32 bytes from a CSPRNG (crypto.getRandomValues); never derived from anything guessable. */
export function generateKeyPair(randomBytes: Uint8Array): TEd25519KeyPair {
  return keyPairFromSeed(randomBytes);
}

function toPem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function fromPem(label: string, pem: string): Uint8Array {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`);
  const m = re.exec(pem);
  if (!m) throw new KeyFormatError(`no "${label}" PEM block found`);
  try {
    return fromBase64(m[1].replace(/\s+/g, ""));
  } catch (error) {
    throw new KeyFormatError(`the ${label} PEM body is not valid base64: ${(error as Error).message}`);
  }
}

export function privateKeyToPem(privateKey: Uint8Array): string {
  return toPem("PRIVATE KEY", concatBytes(PKCS8_PREFIX, privateKey));
}

export function spkiDer(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 32) throw new KeyFormatError(`an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  return concatBytes(SPKI_PREFIX, publicKey);
}

export function publicKeyToPem(publicKey: Uint8Array): string {
  return toPem("PUBLIC KEY", spkiDer(publicKey));
}

function stripPrefix(der: Uint8Array, prefix: Uint8Array, what: string): Uint8Array {
  if (der.length !== prefix.length + 32 || !equalBytes(der.subarray(0, prefix.length), prefix)) {
    throw new KeyFormatError(
      `${what} is not an Ed25519 key (expected ${prefix.length + 32} DER bytes starting ${bytesToHex(prefix)}; ` +
        `RSA/EC keys and encrypted PKCS#8 are not supported)`,
    );
  }
  return der.slice(prefix.length);
}

/** Reads a PKCS#8 `PRIVATE KEY` PEM (unencrypted, v1 as OpenSSL writes it) and derives the public key. */
export function importPrivateKeyPem(pem: string): TEd25519KeyPair {
  if (pem.includes("ENCRYPTED PRIVATE KEY")) throw new KeyFormatError("encrypted private keys are not supported");
  return keyPairFromSeed(stripPrefix(fromPem("PRIVATE KEY", pem), PKCS8_PREFIX, "the PKCS#8 private key"));
}

/** Reads an SPKI `PUBLIC KEY` PEM and checks the point decodes on the curve. */
export function importPublicKeyPem(pem: string): Uint8Array {
  const key = stripPrefix(fromPem("PUBLIC KEY", pem), SPKI_PREFIX, "the SPKI public key");
  if (!ed25519.utils.isValidPublicKey(key, false)) throw new KeyFormatError("the public key is not a valid Ed25519 point");
  return key;
}

/** Key id: hex SHA-256 of the SubjectPublicKeyInfo DER. */
export function keyIdOf(publicKey: Uint8Array): string {
  return sha256Hex(spkiDer(publicKey));
}

/** Human form of the key id for the PDF and the UI: `SHA256:ab:cd:…` (first 16 bytes). */
export function fingerprintOf(publicKey: Uint8Array): string {
  return "SHA256:" + (keyIdOf(publicKey).slice(0, 32).match(/../g) ?? []).join(":");
}
