import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromBase64 } from "../../../src/audit/bytes.ts";
import {
  generateKeyPair,
  importPrivateKeyPem,
  importPublicKeyPem,
  KeyFormatError,
  keyIdOf,
  privateKeyToPem,
  publicKeyToPem,
} from "../../../src/audit/keys.ts";
import { signerFromPrivateKeyPem, verifyEd25519 } from "../../../src/audit/signer.ts";
import { utf8 } from "../../../src/audit/bytes.ts";
import { seed } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "parity-keys-"));
const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir });

describe("Ed25519 keys interoperate with OpenSSL", () => {
  it("imports `openssl genpkey -algorithm ed25519` and its `pkey -pubout`, same key id as openssl's DER", () => {
    openssl("genpkey", "-algorithm", "ed25519", "-out", "k.pem");
    openssl("pkey", "-in", "k.pem", "-pubout", "-out", "k.pub.pem");
    const pair = importPrivateKeyPem(readFileSync(join(dir, "k.pem"), "utf8"));
    const pub = importPublicKeyPem(readFileSync(join(dir, "k.pub.pem"), "utf8"));
    expect(pair.publicKey).toEqual(pub);
    const der = openssl("pkey", "-pubin", "-in", "k.pub.pem", "-outform", "DER");
    expect(keyIdOf(pub)).toBe(execFileSync("sha256sum", { input: der }).toString().slice(0, 64));
    // Our PEM writer reproduces OpenSSL's PEM exactly.
    expect(privateKeyToPem(pair.privateKey)).toBe(readFileSync(join(dir, "k.pem"), "utf8"));
    expect(publicKeyToPem(pub)).toBe(readFileSync(join(dir, "k.pub.pem"), "utf8"));
  });

  it("keys we generate are read by OpenSSL, and OpenSSL verifies our signatures (and we verify its)", () => {
    const pair = generateKeyPair(seed(9));
    writeFileSync(join(dir, "g.pem"), privateKeyToPem(pair.privateKey));
    writeFileSync(join(dir, "g.pub.pem"), publicKeyToPem(pair.publicKey));
    expect(openssl("pkey", "-in", "g.pem", "-pubout").toString()).toBe(publicKeyToPem(pair.publicKey));
    const signer = signerFromPrivateKeyPem(privateKeyToPem(pair.privateKey));
    writeFileSync(join(dir, "msg"), "audit me");
    writeFileSync(join(dir, "msg.sig"), signer.sign(utf8("audit me")));
    expect(
      openssl("pkeyutl", "-verify", "-pubin", "-inkey", "g.pub.pem", "-rawin", "-in", "msg", "-sigfile", "msg.sig").toString(),
    ).toMatch(/Signature Verified Successfully/);
    const sig = openssl("pkeyutl", "-sign", "-inkey", "g.pem", "-rawin", "-in", "msg");
    expect(verifyEd25519(new Uint8Array(sig), utf8("audit me"), pair.publicKey)).toBe(true);
  });

  it("refuses RSA, EC, encrypted and truncated keys with a typed error", () => {
    openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", "rsa.pem");
    openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-aes256", "-pass", "pass:x", "-out", "enc.pem");
    for (const f of ["rsa.pem", "ec.pem", "enc.pem"]) {
      expect(() => importPrivateKeyPem(readFileSync(join(dir, f), "utf8"))).toThrow(KeyFormatError);
    }
    expect(() => importPublicKeyPem("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n")).toThrow(KeyFormatError);
    expect(() => importPublicKeyPem("nothing here")).toThrow(KeyFormatError);
    expect(() => generateKeyPair(new Uint8Array(31))).toThrow(KeyFormatError);
    expect(fromBase64("MCowBQYDK2VwAyEA").length).toBe(12);
  });
});
