/** Pure evidence-record logic: approval policy, change records in bundles, rule records, key rotation, retention. */
import { describe, expect, it } from "vitest";
import { approveSnapshot } from "../../../src/audit/approval.ts";
import { defaultApprovalPolicy, evaluateApprovals, retainUntil, type TDecision } from "../../../src/audit/approval-policy.ts";
import { createBundle } from "../../../src/audit/bundle.ts";
import { verifyChain } from "../../../src/audit/chain.ts";
import { announceKeyRotation, trustedKeysFrom, verifyKeyRotation } from "../../../src/audit/key-rotation.ts";
import { keyIdOf, keyPairFromSeed } from "../../../src/audit/keys.ts";
import { governancePart } from "../../../src/audit/pipeline-parts.ts";
import { exportRecord, parseNotes, ruleRecordsOf } from "../../../src/audit/rule-records.ts";
import { signerFromKeyPair } from "../../../src/audit/signer.ts";
import { buildSnapshot } from "../../../src/audit/snapshot.ts";
import { verifyBundle } from "../../../src/audit/verify.ts";
import { creatorSigner, estate, meta, otherSigner, parts, seed } from "./fixtures.ts";

const decision = (who: string, role: string | null, d: "approve" | "reject" = "approve", scope: string[] | null = null): TDecision => ({
  approvedBy: who,
  role,
  decision: d,
  scope,
});
const snap = { createdBy: "alice@bank.ch", creatorRole: "security_engineer", coverParts: ["inputs", "policy"] };

describe("approval policy", () => {
  it("default: one approval from another person with another role; the creator's role and the creator do not count", () => {
    const p = defaultApprovalPolicy();
    expect(evaluateApprovals(p, snap, [decision("bob@bank.ch", "security_engineer")])).toMatchObject({ state: "pending", approvals: 0 });
    expect(evaluateApprovals(p, snap, [decision("Alice@Bank.ch", "auditor")]).perDecision[0]).toMatchObject({ counts: false });
    expect(evaluateApprovals(p, snap, [decision("carol@bank.ch", "architect")]).perDecision[0].reason).toMatch(/not an approver role/);
    expect(evaluateApprovals(p, snap, [decision("dave@bank.ch", "auditor")])).toMatchObject({
      state: "approved",
      approvals: 1,
      required: 1,
    });
  });

  it("needs N distinct approvers, a rejection blocks for good, a partial scope does not count", () => {
    const p = { requiredApprovals: 2, approverRoles: ["admin", "auditor"] as ("admin" | "auditor")[], allowCreatorRole: false };
    expect(evaluateApprovals(p, snap, [decision("dave@bank.ch", "auditor"), decision("dave@bank.ch", "auditor")]).state).toBe("pending");
    expect(evaluateApprovals(p, snap, [decision("dave@bank.ch", "auditor"), decision("erin@bank.ch", "admin")]).state).toBe("approved");
    const rejected = evaluateApprovals(p, snap, [
      decision("dave@bank.ch", "auditor"),
      decision("erin@bank.ch", "admin", "reject"),
      decision("frank@bank.ch", "admin"),
    ]);
    expect(rejected).toMatchObject({ state: "rejected", approvals: 2 });
    expect(rejected.summary).toMatch(/rejected by erin@bank.ch \(admin\)/);
    const partial = evaluateApprovals(p, snap, [decision("dave@bank.ch", "auditor", "approve", ["inputs"])]);
    expect(partial.perDecision[0].reason).toMatch(/covers only part of the snapshot \(not policy\)/);
  });

  it("retention: ten years by default, to the day", () => {
    expect(retainUntil("2026-12-07T10:00:00.000Z", 10)).toBe("2036-12-07T10:00:00.000Z");
    expect(retainUntil("2028-02-29T00:00:00.000Z", 1)).toBe("2029-02-28T00:00:00.000Z");
    expect(
      governancePart({ approvalPolicy: defaultApprovalPolicy(), creatorRole: "admin", createdAt: "2026-12-07T10:00:00.000Z" }).retention
        .years,
    ).toBe(10);
  });
});

describe("change records in a bundle", () => {
  it("verifies approvals and rejections offline and reports the sealed policy's verdict", () => {
    const m = meta();
    const sealed = buildSnapshot(
      {
        ...parts(),
        governance: governancePart({ approvalPolicy: defaultApprovalPolicy(), creatorRole: "security_engineer", createdAt: m.createdAt }),
      },
      m,
      creatorSigner,
    );
    const scope = ["inputs", "policy", "mappingProfile", "manifests", "equivalence", "lint", "engine"].filter(
      (k) => (sealed.parts as Record<string, { status?: string }>)[k]?.status !== "not-provided",
    );
    const approve = (who: string, role: string, d: "approve" | "reject") =>
      approveSnapshot(
        sealed,
        { approvedBy: who, approvedAt: "2026-03-02T10:00:00Z", role, decision: d, changeRef: "CHG-7", reason: "reviewed", scope },
        creatorSigner,
      );
    const one = verifyBundle(createBundle(sealed, { signer: creatorSigner, approvals: [approve("bob@bank.ch", "auditor", "approve")] }), {
      trustedPublicKeyPem: creatorSigner.publicKeyPem,
    });
    expect(one.ok).toBe(true);
    expect(one.approvalStatus?.state).toBe("approved");
    expect(one.checks.find((c) => c.name === "approval 1")?.detail).toMatch(/approved by bob@bank.ch \(auditor\).*change CHG-7/);
    expect(one.checks.find((c) => c.name === "approval policy")?.detail).toMatch(/retained until \d{4}-/);
    const rejected = verifyBundle(
      createBundle(sealed, {
        signer: creatorSigner,
        approvals: [approve("bob@bank.ch", "auditor", "approve"), approve("carol@bank.ch", "admin", "reject")],
      }),
      { trustedPublicKeyPem: creatorSigner.publicKeyPem },
    );
    expect(rejected.ok).toBe(true);
    expect(rejected.approvalStatus?.state).toBe("rejected");
  });
});

describe("rule records (PCI DSS 1.2.5)", () => {
  it("takes owner and justification from the export's notes and tag", () => {
    expect(parseNotes("Owner: Payments team; Justification: card clearing to the acquirer")).toEqual({
      owner: "Payments team",
      justification: "card clearing to the acquirer",
    });
    expect(exportRecord({ notes: "CHG-2116", tag: "HPB-ETH" })).toMatchObject({
      owner: "HPB-ETH",
      justification: "CHG-2116",
      source: "export",
      version: 0,
    });
    expect(exportRecord({})).toMatchObject({ owner: null, justification: null });
    const records = ruleRecordsOf(
      estate(),
      new Map([
        [
          "1001",
          {
            ruleId: "1001",
            version: 2,
            owner: "Web team",
            justification: "TLS to app tier",
            editedBy: "bob@bank.ch",
            editedAt: "2026-03-02T10:00:00.000Z",
          },
        ],
      ]),
    );
    expect(records.rules["1001"]).toMatchObject({ source: "edited", version: 2, owner: "Web team" });
    expect(records.missingOwner).toEqual(["1002", "1003"]);
  });
});

describe("key rotation", () => {
  const third = signerFromKeyPair(keyPairFromSeed(seed(3)));
  const r1 = announceKeyRotation(creatorSigner, otherSigner, { rotatedAt: "2026-06-01T00:00:00Z", reason: "annual" });
  const r2 = announceKeyRotation(otherSigner, third, { rotatedAt: "2027-06-01T00:00:00Z", reason: "annual" });

  it("a record is signed by both keys; trust follows valid records in both directions and never a forged one", () => {
    expect(r1.envelope.signatures.map((s) => s.keyid)).toEqual([creatorSigner.keyId, otherSigner.keyId]);
    expect(verifyKeyRotation(r1.envelope).ok).toBe(true);
    const fromFirst = trustedKeysFrom(creatorSigner.publicKey, [r1.envelope, r2.envelope]);
    expect([...fromFirst.keys.keys()].sort()).toEqual([creatorSigner.keyId, otherSigner.keyId, third.keyId].sort());
    expect(trustedKeysFrom(third.publicKey, [r1.envelope, r2.envelope]).keys.has(creatorSigner.keyId)).toBe(true);
    // An attacker announces their key as a successor without the old key's signature.
    const attacker = signerFromKeyPair(keyPairFromSeed(seed(9)));
    const forged = announceKeyRotation(attacker, attacker === third ? otherSigner : signerFromKeyPair(keyPairFromSeed(seed(10))), {
      rotatedAt: "2027-01-01T00:00:00Z",
      reason: "x",
    });
    const tampered = {
      ...forged.envelope,
      signatures: [{ keyid: creatorSigner.keyId, sig: forged.envelope.signatures[0].sig }, forged.envelope.signatures[1]],
    };
    expect(verifyKeyRotation(tampered).ok).toBe(false);
    expect(trustedKeysFrom(creatorSigner.publicKey, [forged.envelope]).keys.size).toBe(1);
  });

  it("the chain accepts a key change only where the new snapshot carries the announcement; the old pinned key verifies it", () => {
    const s1 = buildSnapshot(parts(), meta(), creatorSigner);
    const m2 = meta({ sequence: 2, previousRoot: s1.merkleRoot, createdAt: "2026-07-01T00:00:00Z" });
    const withRecord = buildSnapshot({ ...parts(), keyRotations: [r1.envelope] }, m2, otherSigner);
    expect(verifyChain([s1, withRecord], { trustedPublicKeyPem: creatorSigner.publicKeyPem })).toMatchObject({ ok: true, verified: 2 });
    const withoutRecord = buildSnapshot(parts(), m2, otherSigner);
    // Even when the verifier knows the record, the snapshot that changes key must carry it itself.
    const broken = verifyChain([s1, withoutRecord], { trustedPublicKeyPem: creatorSigner.publicKeyPem, rotations: [r1.envelope] });
    expect(broken).toMatchObject({ ok: false, firstBroken: { sequence: 2 } });
    expect(broken.firstBroken?.reason).toMatch(/no rotation record .* announces it/);
    const bundle = verifyBundle(createBundle(withRecord, { signer: otherSigner }), {
      trustedPublicKeyPem: creatorSigner.publicKeyPem,
      previousRoot: s1.merkleRoot,
    });
    expect(bundle.ok).toBe(true);
    expect(bundle.checks.find((c) => c.name === "trusted key")?.detail).toContain(`trusted through key rotation`);
    expect(keyIdOf(otherSigner.publicKey)).toBe(otherSigner.keyId);
  });
});
