/**
 * The installation's Ed25519 signing key (issue 7). Generated on first use — the first snapshot, or the first
 * page that shows the public key — under PARITY_KEY_DIR (default <data dir>/keys, absolute):
 *
 *   signing-key.pem   PKCS#8 private key, mode 0600, in a 0700 directory; never written to the database
 *   signing-key.pub   SPKI public key (what auditors pin with `parity snapshot verify --pubkey`)
 *
 * Both are the PEM forms OpenSSL writes (`openssl genpkey -algorithm ed25519`), so an operator may also
 * provision the key from a key ceremony by placing the two files there before the first start.
 * Creation is race-free across processes (web server, worker, tests): the key is written to a private temp
 * file and hard-linked into place, so exactly one key wins and every process reads that one.
 * A private key readable by group or others is refused (as ssh does), and so is a public key file that does
 * not match the private key.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  fingerprintOf,
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  keyIdOf,
  privateKeyToPem,
  publicKeyToPem,
} from "../../audit/keys.ts";
import { signerFromKeyPair, type TSigner } from "../../audit/signer.ts";
import { keyCustody } from "./key-custody.ts";

export const PRIVATE_KEY_FILE = "signing-key.pem";
export const PUBLIC_KEY_FILE = "signing-key.pub";

export interface TInstallationKey {
  signer: TSigner;
  keyId: string;
  /** Human-comparable fingerprint of the public key (as printed by the CLI and the PDF). */
  fingerprint: string;
  publicKeyPem: string;
  dir: string;
}

const cache = new Map<string, TInstallationKey & { stamp: string }>();

function fileStamp(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.mtimeMs}`;
  } catch {
    return "missing";
  }
}

function linkIntoPlace(dir: string, name: string, content: string, mode: number): void {
  const temp = path.join(dir, `.${name}.${process.pid}.${crypto.randomUUID()}.tmp`);
  fs.writeFileSync(temp, content, { mode, flag: "wx" });
  try {
    fs.linkSync(temp, path.join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.unlinkSync(temp);
  }
}

/** Reads the key in `dir`, creating it first if there is none. */
export function loadOrCreateSigningKey(dir: string): TInstallationKey {
  const absolute = path.resolve(dir);
  const cached = cache.get(absolute);
  // A rotation in another process replaces the files: the cached key is reused only while they are unchanged.
  if (cached && fileStamp(path.join(absolute, PRIVATE_KEY_FILE)) === cached.stamp) return cached;
  fs.mkdirSync(absolute, { recursive: true, mode: 0o700 });
  const privatePath = path.join(absolute, PRIVATE_KEY_FILE);
  const publicPath = path.join(absolute, PUBLIC_KEY_FILE);
  if (!fs.existsSync(privatePath)) {
    const pair = generateKeyPair(new Uint8Array(crypto.randomBytes(32)));
    linkIntoPlace(absolute, PRIVATE_KEY_FILE, privateKeyToPem(pair.privateKey), 0o600);
  }
  const mode = fs.statSync(privatePath).mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new Error(`${privatePath} is readable by others (mode ${mode.toString(8)}); run chmod 600 on it`);
  }
  const pair = importPrivateKeyPem(fs.readFileSync(privatePath, "utf8"));
  const publicKeyPem = publicKeyToPem(pair.publicKey);
  if (!fs.existsSync(publicPath)) linkIntoPlace(absolute, PUBLIC_KEY_FILE, publicKeyPem, 0o644);
  const onDisk = importPublicKeyPem(fs.readFileSync(publicPath, "utf8"));
  if (keyIdOf(onDisk) !== keyIdOf(pair.publicKey)) {
    throw new Error(`${publicPath} does not belong to ${privatePath}; remove the wrong file or restore the pair`);
  }
  const key: TInstallationKey = {
    signer: signerFromKeyPair(pair),
    keyId: keyIdOf(pair.publicKey),
    fingerprint: fingerprintOf(pair.publicKey),
    publicKeyPem,
    dir: absolute,
  };
  cache.set(absolute, { ...key, stamp: fileStamp(privatePath) });
  return key;
}

/** The key of this installation, from its key custody (PARITY_KEY_CUSTODY; the file custody reads PARITY_KEY_DIR). */
export function installationKey(): TInstallationKey {
  return keyCustody().installationKey();
}

/** What the UI shows: never the private key. */
export function publicKeyInfo(key: TInstallationKey = installationKey()) {
  return { keyId: key.keyId, fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem, algorithm: "Ed25519" as const };
}

/** Drops the cached key of `dir` (after a rotation replaced the files). */
export function forgetSigningKey(dir: string): void {
  cache.delete(path.resolve(dir));
}
