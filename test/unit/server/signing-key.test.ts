/** The installation key on disk and the engine identity a snapshot freezes. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateKeyPair, importPrivateKeyPem, publicKeyToPem } from "../../../src/audit/keys.ts";
import { computeEngineIdentity } from "../../../src/server/services/engine-version.ts";
import { loadOrCreateSigningKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "../../../src/server/services/signing-key.ts";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "parity-key-test-"));

describe("installation signing key", () => {
  it("is created once as OpenSSL-compatible PEM files, the private one 0600 in a 0700 directory", () => {
    const dir = path.join(tmp(), "keys");
    const key = loadOrCreateSigningKey(dir);
    expect(fs.statSync(path.join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const pem = fs.readFileSync(path.join(dir, PRIVATE_KEY_FILE), "utf8");
    expect(publicKeyToPem(importPrivateKeyPem(pem).publicKey)).toBe(key.publicKeyPem);
    expect(fs.readFileSync(path.join(dir, PUBLIC_KEY_FILE), "utf8")).toBe(key.publicKeyPem);
    expect(fs.readdirSync(dir).sort()).toEqual([PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]);
    // Another path spelling of the same directory reads the same key (no second key is generated).
    expect(loadOrCreateSigningKey(`${dir}/./`).keyId).toBe(key.keyId);
  });

  it("refuses a private key readable by others and a public key that does not match", () => {
    const loose = tmp();
    const pair = generateKeyPair(new Uint8Array(32).fill(7));
    fs.writeFileSync(path.join(loose, PRIVATE_KEY_FILE), execFileSync("openssl", ["genpkey", "-algorithm", "ed25519"]), { mode: 0o644 });
    fs.chmodSync(path.join(loose, PRIVATE_KEY_FILE), 0o644);
    expect(() => loadOrCreateSigningKey(loose)).toThrow(/readable by others/);

    const mismatched = tmp();
    fs.writeFileSync(path.join(mismatched, PRIVATE_KEY_FILE), execFileSync("openssl", ["genpkey", "-algorithm", "ed25519"]), {
      mode: 0o600,
    });
    fs.writeFileSync(path.join(mismatched, PUBLIC_KEY_FILE), publicKeyToPem(pair.publicKey));
    expect(() => loadOrCreateSigningKey(mismatched)).toThrow(/does not belong/);
  });
});

describe("engine identity", () => {
  it("is the package version and the documented sha256sum digest over src/policy/**/*.ts", () => {
    const root = path.resolve(import.meta.dirname, "../../..");
    const identity = computeEngineIdentity(root);
    expect(identity.ok).toBe(true);
    if (!identity.ok) return;
    expect(identity.version).toBe(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).version);
    const shell = execFileSync(
      "sh",
      ["-c", "cd src/policy && find . -name '*.ts' | sed 's|^\\./||' | LC_ALL=C sort | xargs sha256sum | sha256sum"],
      { cwd: root, encoding: "utf8" },
    );
    expect(identity.semanticsDigest).toBe(`sha256:${shell.split(" ")[0]}`);
  });

  it("is reported as unavailable, not invented, where the sources are absent", () => {
    const identity = computeEngineIdentity(tmp());
    expect(identity).toMatchObject({ ok: false });
  });
});
