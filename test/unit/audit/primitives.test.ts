import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Base64Error, fromBase64, toBase64, utf8 } from "../../../src/audit/bytes.ts";
import { canonicalJson, parseCanonical } from "../../../src/audit/canonical-json.ts";
import { pae, signEnvelope, verifyEnvelope } from "../../../src/audit/dsse.ts";
import { inclusionProof, merkleRoot, verifyInclusion } from "../../../src/audit/merkle.ts";
import { sha256Hex } from "../../../src/audit/hash.ts";
import { creatorSigner, otherSigner } from "./fixtures.ts";

describe("base64", () => {
  it("round-trips and matches the platform encoder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        const s = toBase64(b);
        expect(s).toBe(Buffer.from(b).toString("base64"));
        expect(fromBase64(s)).toEqual(b);
      }),
    );
  });
  it("rejects non-canonical padding bits and junk", () => {
    expect(() => fromBase64("QR==")).toThrow(Base64Error); // "QQ==" is canonical for "A"
    expect(fromBase64("QQ==")).toEqual(Uint8Array.of(65));
    expect(() => fromBase64("QQ=")).toThrow(Base64Error);
    expect(() => fromBase64("Q Q=")).toThrow(Base64Error);
    expect(() => fromBase64("=QQQ")).toThrow(Base64Error);
  });
});

describe("RFC 8785 canonical JSON", () => {
  it("sorts keys, normalises numbers and rejects non-JSON", () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, "é"] })).toBe('{"a":[1e+21,0.1,"é"],"b":1}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });
  it("detects non-canonical and duplicate-key documents", () => {
    expect(parseCanonical(utf8('{"a":1}')).ok).toBe(true);
    expect(parseCanonical(utf8('{ "a":1}')).ok).toBe(false);
    expect(parseCanonical(utf8('{"a":1,"a":1}')).ok).toBe(false);
    expect(parseCanonical(utf8('{"b":1,"a":2}')).ok).toBe(false);
  });
});

describe("Merkle tree (RFC 6962 hashing)", () => {
  const leaves = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `p${String(i).padStart(2, "0")}`, sha256: sha256Hex(Uint8Array.of(i)) }));
  it("empty tree is SHA-256 of nothing; order of input does not matter", () => {
    expect(merkleRoot([])).toBe(sha256Hex(new Uint8Array()));
    const l = leaves(5);
    expect(merkleRoot([...l].reverse())).toBe(merkleRoot(l));
  });
  it("single leaf root is the domain-separated leaf hash", () => {
    const l = leaves(1);
    const data = utf8(canonicalJson({ name: l[0].name, sha256: l[0].sha256 }));
    expect(merkleRoot(l)).toBe(sha256Hex(new Uint8Array([0, ...data])));
  });
  it("changing any digest or name changes the root; duplicates are refused", () => {
    const l = leaves(7);
    const root = merkleRoot(l);
    for (let i = 0; i < l.length; i++) {
      expect(merkleRoot(l.map((x, j) => (j === i ? { ...x, sha256: "0".repeat(64) } : x)))).not.toBe(root);
      expect(merkleRoot(l.map((x, j) => (j === i ? { ...x, name: x.name + "x" } : x)))).not.toBe(root);
    }
    expect(() => merkleRoot([l[0], l[0]])).toThrow(/duplicate/);
  });
  it("inclusion proofs verify for every leaf of every size up to 17, and fail for a wrong leaf", () => {
    for (let n = 1; n <= 17; n++) {
      const l = leaves(n);
      const root = merkleRoot(l);
      for (const leaf of l) {
        const proof = inclusionProof(l, leaf.name);
        expect(verifyInclusion(leaf, proof, root)).toBe(true);
        expect(verifyInclusion({ ...leaf, sha256: "f".repeat(64) }, proof, root)).toBe(false);
      }
    }
  });
});

describe("DSSE", () => {
  it("PAE matches the spec's example encoding", () => {
    // From the DSSE protocol doc: PAE("http://example.com/HelloWorld", "hello world")
    expect(new TextDecoder().decode(pae("http://example.com/HelloWorld", utf8("hello world")))).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
    // LEN counts bytes, not characters
    expect(new TextDecoder().decode(pae("t", utf8("é")))).toBe("DSSEv1 1 t 2 é");
  });
  it("signs and verifies; rejects another key, another payloadType and any payload change", () => {
    const env = signEnvelope("application/x-test", utf8("payload"), creatorSigner);
    expect(verifyEnvelope(env, creatorSigner.publicKey, "application/x-test").ok).toBe(true);
    expect(verifyEnvelope(env, otherSigner.publicKey, "application/x-test").ok).toBe(false);
    expect(verifyEnvelope({ ...env, payloadType: "application/y" }, creatorSigner.publicKey, "application/y").ok).toBe(false);
    expect(verifyEnvelope({ ...env, payload: toBase64(utf8("Payload")) }, creatorSigner.publicKey, "application/x-test").ok).toBe(false);
    expect(verifyEnvelope({ ...env, extra: 1 }, creatorSigner.publicKey, "application/x-test").ok).toBe(false);
  });
});
