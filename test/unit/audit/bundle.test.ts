import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { approveSnapshot } from "../../../src/audit/approval.ts";
import { createBundle } from "../../../src/audit/bundle.ts";
import { canonicalBytes } from "../../../src/audit/canonical-json.ts";
import { buildSnapshot } from "../../../src/audit/snapshot.ts";
import { verifyBundle } from "../../../src/audit/verify.ts";
import { readZip, writeCanonicalZip } from "../../../src/audit/zip.ts";
import { creatorSigner, meta, otherSigner, parts } from "./fixtures.ts";

const sealed = buildSnapshot(parts(), meta(), creatorSigner);
const approval = approveSnapshot(
  sealed,
  {
    approvedBy: "bob@bank.ch",
    approvedAt: "2026-03-02T10:00:00Z",
    role: "auditor",
    decision: "approve",
    changeRef: "CHG-1042",
    reason: "Four-eyes review done",
    scope: ["inputs"],
  },
  creatorSigner,
);
const pdf = new TextEncoder().encode("%PDF-1.3\n% fake report bytes for the container tests\n%%EOF\n");
const bundle = createBundle(sealed, { signer: creatorSigner, approvals: [approval], reportPdf: pdf });
const failed = (r: ReturnType<typeof verifyBundle>) => r.checks.filter((c) => !c.ok).map((c) => c.name);

/** Rebuild a bundle with one file replaced (a tamperer who re-zips properly, defeating ZIP CRCs). */
function withFile(name: string, bytes: Uint8Array | undefined): Uint8Array {
  const files = readZip(bundle);
  if (bytes) files[name] = bytes;
  else delete files[name];
  return writeCanonicalZip(files);
}

describe("evidence bundle", () => {
  it("contains the documented files and verifies OK with the trusted key and chain anchor", () => {
    expect(Object.keys(readZip(bundle)).sort()).toEqual([
      "README.md",
      "approvals.json",
      "bundle.dsse.json",
      "envelope.dsse.json",
      "manifests/anp/allow-web-app.yaml",
      "manifests/shop/np-db.yaml",
      "parts/engine.json",
      "parts/equivalence.json",
      "parts/inputs.json",
      "parts/lint.json",
      "parts/manifests.json",
      "parts/mapping-profile.json",
      "parts/meta.json",
      "parts/policy.json",
      "public-key.pem",
      "report.pdf",
      "report/differences.csv",
      "report/findings.csv",
      "report/traceability.csv",
      "report/traceability.json",
      "report/verdict.json",
      "snapshot.json",
    ]);
    const r = verifyBundle(bundle, { trustedPublicKeyPem: creatorSigner.publicKeyPem, previousRoot: null });
    expect(failed(r)).toEqual([]);
    expect(r.ok).toBe(true);
    // The report's lists regenerate from the signed parts, and the verdict is the one vocabulary's.
    expect(r.checks.find((c) => c.name === "report lists")?.ok).toBe(true);
    expect(r.verdict?.sentence).toBe("not equivalent (1 unexplained difference)");
    expect(r.merkleRoot).toBe(sealed.merkleRoot);
  });

  it("detects a single flipped byte anywhere in the ZIP (property test over the whole file)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bundle.length - 1 }), fc.integer({ min: 1, max: 255 }), (pos, x) => {
        const t = Uint8Array.from(bundle);
        t[pos] ^= x;
        expect(verifyBundle(t).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("detects every single-byte change inside each file even when the ZIP is rebuilt with valid CRCs", () => {
    const files = readZip(bundle);
    for (const [name, bytes] of Object.entries(files)) {
      // first, last and ~30 evenly spread bytes of every file (the random-flip property covers the rest)
      const step = Math.max(1, Math.floor(bytes.length / 30));
      const positions = new Set([0, bytes.length - 1]);
      for (let i = 0; i < bytes.length; i += step) positions.add(i);
      for (const i of positions) {
        const t = Uint8Array.from(bytes);
        t[i] ^= 1 << (i % 8);
        const r = verifyBundle(withFile(name, t));
        if (r.ok) throw new Error(`undetected change in ${name} at byte ${i}`);
      }
    }
  });

  it("names the failing check per part (targeted tampering)", () => {
    const files = readZip(bundle);
    const tamper = (name: string, edit: (text: string) => string) =>
      verifyBundle(withFile(name, new TextEncoder().encode(edit(new TextDecoder().decode(files[name])))));

    expect(failed(tamper("parts/equivalence.json", (t) => t.replace('"equivalent":false', '"equivalent":true')))).toEqual(
      expect.arrayContaining(["part parts/equivalence.json", "merkle root", "bundle file digests"]),
    );
    expect(failed(tamper("manifests/shop/np-db.yaml", (t) => t + "# added\n"))).toEqual(
      expect.arrayContaining(["manifests", "bundle file digests"]),
    );
    expect(failed(tamper("README.md", (t) => t.replace("openssl", "0penssl")))).toEqual(["bundle file digests"]);
    expect(failed(tamper("report.pdf", (t) => t.replace("fake", "Fake")))).toEqual(["bundle file digests"]);
    expect(failed(tamper("snapshot.json", (t) => t.replace(sealed.merkleRoot, "0".repeat(64))))).toEqual(
      expect.arrayContaining(["snapshot.json", "bundle file digests"]),
    );
    expect(failed(verifyBundle(withFile("approvals.json", canonicalBytes([]))))).toEqual(["bundle file digests"]);
    expect(failed(verifyBundle(withFile("report.pdf", undefined)))).toEqual(["bundle file digests"]);
    expect(failed(verifyBundle(withFile("extra.txt", new Uint8Array([1]))))).toEqual(expect.arrayContaining(["bundle files"]));
    // a re-packed archive (same entries, other layout) is reported as a container change
    const files2 = readZip(bundle);
    expect(failed(verifyBundle(zipSync(files2, { level: 6 })))).toEqual(["zip container"]);
  });

  it("an attacker re-signing everything with their own key is caught only by pinning — and then it is", () => {
    const forged = createBundle(buildSnapshot(parts({ equivalent: true }), meta(), otherSigner), { signer: otherSigner });
    expect(verifyBundle(forged).ok).toBe(true);
    const pinned = verifyBundle(forged, { trustedPublicKeyPem: creatorSigner.publicKeyPem });
    expect(failed(pinned)).toEqual(["trusted key"]);
  });

  it("chain link: wrong previous root fails; self-approval inside a bundle is flagged", () => {
    expect(failed(verifyBundle(bundle, { previousRoot: "c".repeat(64) }))).toEqual(["chain link"]);
    const selfApproval = structuredClone(approval);
    const forgedApproval = approveSnapshot(
      { meta: { ...sealed.meta, createdBy: "someone-else" }, merkleRoot: sealed.merkleRoot },
      {
        approvedBy: "alice@bank.ch",
        approvedAt: "2026-03-02T10:00:00Z",
        role: "auditor",
        decision: "approve",
        changeRef: "CHG-1042",
        reason: "self",
        scope: ["inputs"],
      },
      creatorSigner,
    );
    const b = createBundle(sealed, { signer: creatorSigner, approvals: [selfApproval, forgedApproval] });
    const r = verifyBundle(b);
    expect(failed(r)).toEqual(["approval 2"]);
    expect(r.checks.find((c) => c.name === "approval 2")?.detail).toMatch(/creator|four-eyes/);
  });

  it("the README's openssl/jq/sha256sum/python3 steps work on a real bundle", () => {
    const dir = mkdtempSync(join(tmpdir(), "parity-bundle-"));
    writeFileSync(join(dir, "bundle.zip"), bundle);
    execFileSync("unzip", ["-q", "bundle.zip", "-d", "b"], { cwd: dir });
    const readme = readZip(bundle)["README.md"];
    const text = new TextDecoder().decode(readme);
    // Extract the indented shell blocks of steps 2, 3, 4 and 6 and run them in order.
    const blocks = [...text.matchAll(/\n((?: {7}.*\n)+)/g)].map((m) => m[1].replace(/^ {7}/gm, "")).filter((b) => /jq|python3/.test(b));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    const out = execFileSync("bash", ["-euo", "pipefail", "-c", blocks.join("\n")], { cwd: join(dir, "b") }).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
    expect(out).toContain(`${sealed.merkleRoot} OK`);
    expect(out).not.toMatch(/FAILED|MISMATCH/);
  });
});
