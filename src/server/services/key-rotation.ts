/**
 * Rotating the installation's signing key (issue 13). The new key is announced in a rotation record signed
 * by the old and the new key (src/audit/key-rotation.ts), stored append-only (SigningKeyRotation) and carried
 * in every later snapshot's keyRotations part, so an auditor who pinned the old key verifies new snapshots
 * offline, and the chain check accepts the key change exactly where a record announces it.
 *
 * Files under PARITY_KEY_DIR: the new pair replaces signing-key.pem/.pub (rename, atomic per file); the old
 * public key is kept as retired/<key id>.pub; the old private key is deleted, so it can sign nothing more.
 * Order: the record is stored first, then the files move. A crash in between leaves the old key in place
 * and a record announcing a key nobody holds — harmless (nothing signed by it) and reported by a re-run.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { generateKeyPair, privateKeyToPem, publicKeyToPem } from "../../audit/keys.ts";
import { announceKeyRotation } from "../../audit/key-rotation.ts";
import { signerFromKeyPair } from "../../audit/signer.ts";
import { keyDir } from "../env.ts";
import { forgetSigningKey, loadOrCreateSigningKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "./signing-key.ts";

/** Every rotation record of this installation, oldest first. */
export async function installationRotations(prisma: PrismaClient): Promise<unknown[]> {
  const rows = await prisma.signingKeyRotation.findMany({ orderBy: { createdAt: "asc" }, select: { envelope: true } });
  return rows.map((r) => r.envelope);
}

export async function rotateSigningKey(prisma: PrismaClient, reason: string, dir: string = keyDir()) {
  const current = loadOrCreateSigningKey(dir);
  const pair = generateKeyPair(new Uint8Array(crypto.randomBytes(32)));
  const next = signerFromKeyPair(pair);
  const rotatedAt = new Date();
  const { record, envelope } = announceKeyRotation(current.signer, next, { rotatedAt: rotatedAt.toISOString(), reason });
  await prisma.signingKeyRotation.create({
    data: { oldKeyId: record.oldKeyId, newKeyId: record.newKeyId, envelope: envelope as object, reason, createdAt: rotatedAt },
  });
  const absolute = path.resolve(dir);
  const retired = path.join(absolute, "retired");
  fs.mkdirSync(retired, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(retired, `${record.oldKeyId}.pub`), current.publicKeyPem, { mode: 0o644 });
  const tempPrivate = path.join(absolute, `.${PRIVATE_KEY_FILE}.${crypto.randomUUID()}.tmp`);
  const tempPublic = path.join(absolute, `.${PUBLIC_KEY_FILE}.${crypto.randomUUID()}.tmp`);
  fs.writeFileSync(tempPrivate, privateKeyToPem(pair.privateKey), { mode: 0o600, flag: "wx" });
  fs.writeFileSync(tempPublic, publicKeyToPem(pair.publicKey), { mode: 0o644, flag: "wx" });
  fs.renameSync(tempPrivate, path.join(absolute, PRIVATE_KEY_FILE));
  fs.renameSync(tempPublic, path.join(absolute, PUBLIC_KEY_FILE));
  forgetSigningKey(absolute);
  return { oldKeyId: record.oldKeyId, newKeyId: record.newKeyId, rotatedAt };
}
