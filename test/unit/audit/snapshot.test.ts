import { describe, expect, it } from "vitest";
import { approveSnapshot, verifyApproval } from "../../../src/audit/approval.ts";
import { verifyChain } from "../../../src/audit/chain.ts";
import { ApprovalByCreatorError, SnapshotValidationError } from "../../../src/audit/errors.ts";
import { buildSnapshot } from "../../../src/audit/snapshot.ts";
import { verifySealedSnapshot } from "../../../src/audit/verify-snapshot.ts";
import { creatorSigner, meta, otherSigner, parts } from "./fixtures.ts";

describe("buildSnapshot", () => {
  it("seals parts: deterministic root, signature verifies, every part digest signed", () => {
    const a = buildSnapshot(parts(), meta(), creatorSigner);
    const b = buildSnapshot(parts(), meta(), creatorSigner);
    expect(a.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    expect(a.merkleRoot).toBe(b.merkleRoot);
    expect(Object.keys(a.digests)).toHaveLength(8);
    const v = verifySealedSnapshot(a, { trustedPublicKeyPem: creatorSigner.publicKeyPem, previousRoot: null });
    expect(v.checks.filter((c) => !c.ok)).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("any content change changes the root, and an unsigned edit of a stored row is detected", () => {
    const a = buildSnapshot(parts(), meta(), creatorSigner);
    const edited = structuredClone(a);
    (edited.parts.inputs.files[0] as { size: number }).size += 1;
    const v = verifySealedSnapshot(edited);
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.name === "part parts/inputs.json")?.ok).toBe(false);
    expect(buildSnapshot(parts({ equivalent: true }), meta(), creatorSigner).merkleRoot).not.toBe(a.merkleRoot);
  });

  it("rejects invalid input naming the field", () => {
    expect(() => buildSnapshot(parts(), meta({ previousRoot: "a".repeat(64) }), creatorSigner)).toThrow(SnapshotValidationError);
    const bad = parts();
    (bad.inputs.files[0] as { sha256: string }).sha256 = "xyz";
    expect(() => buildSnapshot(bad, meta(), creatorSigner)).toThrow(/inputs\.files\.0\.sha256/);
    const traversal = parts();
    traversal.manifests = { status: "provided", value: { "../evil.yaml": "x" } };
    expect(() => buildSnapshot(traversal, meta(), creatorSigner)).toThrow(SnapshotValidationError);
  });

  it("the trusted key check fails for a bundle signed by another key", () => {
    const a = buildSnapshot(parts(), meta(), otherSigner);
    const v = verifySealedSnapshot(a, { trustedPublicKeyPem: creatorSigner.publicKeyPem });
    expect(v.ok).toBe(false);
    expect(v.checks.find((c) => c.name === "trusted key")?.ok).toBe(false);
  });
});

describe("approvals (four eyes)", () => {
  const sealed = buildSnapshot(parts(), meta(), creatorSigner);
  it("a second person approves; the record verifies against the root", () => {
    const a = approveSnapshot(
      sealed,
      {
        approvedBy: "bob@bank.ch",
        approvedAt: "2026-03-02T10:00:00Z",
        role: "auditor",
        decision: "approve",
        changeRef: "CHG-1042",
        reason: "Reviewed, OK",
        scope: ["inputs"],
      },
      creatorSigner,
    );
    const v = verifyApproval(a.envelope, sealed, creatorSigner.publicKey);
    expect(v.ok).toBe(true);
  });
  it("approval by the creator is refused with a typed error (case/space-insensitive)", () => {
    expect(() =>
      approveSnapshot(
        sealed,
        {
          approvedBy: " Alice@Bank.CH",
          approvedAt: "2026-03-02T10:00:00Z",
          role: "auditor",
          decision: "approve",
          changeRef: "CHG-1042",
          reason: "reviewed",
          scope: ["inputs"],
        },
        creatorSigner,
      ),
    ).toThrow(ApprovalByCreatorError);
  });
  it("an approval of another snapshot does not verify against this one", () => {
    const other = buildSnapshot(parts({ extraRule: true }), meta(), creatorSigner);
    const a = approveSnapshot(
      other,
      {
        approvedBy: "bob@bank.ch",
        approvedAt: "2026-03-02T10:00:00Z",
        role: "auditor",
        decision: "approve",
        changeRef: "CHG-1042",
        reason: "reviewed",
        scope: ["inputs"],
      },
      creatorSigner,
    );
    expect(verifyApproval(a.envelope, sealed, creatorSigner.publicKey).ok).toBe(false);
  });
});

describe("verifyChain", () => {
  const chain = () => {
    const s1 = buildSnapshot(parts(), meta(), creatorSigner);
    const s2 = buildSnapshot(
      parts({ extraRule: true }),
      meta({ sequence: 2, previousRoot: s1.merkleRoot, createdAt: "2026-04-01T09:00:00Z" }),
      creatorSigner,
    );
    const s3 = buildSnapshot(
      parts({ equivalent: true }),
      meta({ sequence: 3, previousRoot: s2.merkleRoot, createdAt: "2026-05-01T09:00:00Z" }),
      creatorSigner,
    );
    return [s1, s2, s3];
  };
  it("an intact chain verifies", () => {
    expect(verifyChain(chain())).toEqual({ ok: true, verified: 3 });
  });
  it("a removed middle snapshot is the first broken link", () => {
    const [s1, , s3] = chain();
    const r = verifyChain([s1, s3]);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toMatchObject({ index: 1, sequence: 3 });
  });
  it("a re-signed edited snapshot breaks the link after it", () => {
    const [s1, s2, s3] = chain();
    const forged = buildSnapshot(parts({ equivalent: true }), s2.meta, creatorSigner); // same meta, other content
    const r = verifyChain([s1, forged, s3]);
    expect(r.firstBroken).toMatchObject({ index: 2, sequence: 3 });
    expect(r.firstBroken?.reason).toMatch(/previousRoot/);
  });
  it("an unsigned edit of a stored row breaks at that row; a tail needs an anchor", () => {
    const c = chain();
    c[1].parts.mappingProfile = { status: "provided", value: { namespaceFromTag: "evil" } };
    expect(verifyChain(c).firstBroken).toMatchObject({ index: 1, sequence: 2 });
    const [s1, s2, s3] = chain();
    expect(verifyChain([s2, s3]).ok).toBe(false);
    expect(verifyChain([s2, s3], { anchorRoot: s1.merkleRoot }).ok).toBe(true);
  });
});
