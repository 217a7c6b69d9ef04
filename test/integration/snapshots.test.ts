/**
 * Audit snapshots through the tRPC API on real PostgreSQL (issue 7): seal → bundle verifies offline; rows are
 * immutable in the database; a forged row breaks the chain on read; four-eyes approval; role and membership rules.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { readZip } from "../../src/audit/zip.ts";
import { verifyBundle } from "../../src/audit/verify.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { createImportJob } from "../../src/server/services/imports.ts";
import { snapshotArtifact } from "../../src/server/services/snapshots.ts";
import { handleSnapshotDownload } from "../../src/server/api/snapshot-download.ts";
import { createSession } from "../../src/server/auth/session.ts";
import { installationKey, PRIVATE_KEY_FILE } from "../../src/server/services/signing-key.ts";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { callerFor, seeded, storedTranslationSummary, testPrisma } from "./helpers.ts";

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "parity-keys-"));
process.env.PARITY_KEY_DIR = keyDir;

let demo: Awaited<ReturnType<typeof seeded>>;

async function importDemoInto(estateId: string, createdBy: string) {
  if (await testPrisma().estateImport.count({ where: { estateId } })) return;
  const jobId = await createImportJob(testPrisma(), { estateId, createdBy, files: demoFiles() });
  await runJob(testPrisma(), jobId, JOB_HANDLERS);
  expect((await testPrisma().job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("succeeded");
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

beforeAll(async () => {
  demo = await seeded();
  await importDemoInto(demo.demoEstate.id, demo.security.id);
});

describe("audit snapshots", () => {
  let first: { id: string; sequence: number; merkleRoot: string };

  it("creates the installation key on first use: PKCS#8 private key 0600, never in the database", () => {
    const key = installationKey();
    const stat = fs.statSync(path.join(keyDir, PRIVATE_KEY_FILE));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(key.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(fs.readFileSync(path.join(keyDir, PRIVATE_KEY_FILE), "utf8")).toContain("BEGIN PRIVATE KEY");
  });

  it("previews what will be frozen, marking what does not exist as not provided", async () => {
    const preview = await callerFor(demo.security).snapshots.preview({ estateId: demo.demoEstate.id });
    expect(preview.nextSequence).toBe(1);
    expect(preview.files.length).toBe(demoFiles().length);
    expect(preview.rules).toBeGreaterThanOrEqual(300);
    const byPart = Object.fromEntries(preview.parts.map((p) => [p.part, p]));
    expect(byPart.policy.provided).toBe(true);
    expect(byPart.engine.provided).toBe(true);
    // Lint runs with verification: frozen exactly when the proof is (whether another test file verified this estate first).
    expect(byPart.lint.provided).toBe(byPart.equivalence.provided);
    if (!byPart.lint.provided) expect(byPart.lint.reason).toMatch(/lint/);
    expect(preview.engine?.semanticsDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("seals a snapshot whose stored bundle verifies offline, pinned to the installation key", async () => {
    const security = callerFor(demo.security);
    first = await security.snapshots.create({ estateId: demo.demoEstate.id });
    expect(first.sequence).toBe(1);
    expect(first.merkleRoot).toMatch(/^[0-9a-f]{64}$/);

    const list = await security.snapshots.list({ estateId: demo.demoEstate.id });
    expect(list.chain.ok).toBe(true);
    expect(list.snapshots[0]).toMatchObject({
      sequence: 1,
      previousRoot: null,
      chain: { state: "ok" },
      createdBy: { email: demo.security.email },
    });

    const verification = await callerFor(demo.auditor).snapshots.verify({ estateId: demo.demoEstate.id, snapshotId: first.id });
    expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verification.ok).toBe(true);

    const download = await snapshotArtifact(testPrisma(), demo.demoEstate.id, first.id, "bundle");
    const offline = verifyBundle(download.bytes, { trustedPublicKeyPem: installationKey().publicKeyPem, previousRoot: null });
    expect(offline.ok).toBe(true);
    const files = readZip(download.bytes);
    expect(new TextDecoder().decode(files["public-key.pem"])).toBe(installationKey().publicKeyPem);
    const policy = JSON.parse(new TextDecoder().decode(files["parts/policy.json"])) as {
      status: string;
      value: { ruleMembership: Record<string, { sources: string[] }> };
    };
    expect(policy.status).toBe("provided");
    expect(Object.keys(policy.value.ruleMembership).length).toBeGreaterThanOrEqual(300);
    // The signing key's private half is nowhere in the row.
    const row = await testPrisma().auditSnapshot.findUniqueOrThrow({ where: { id: first.id } });
    expect(JSON.stringify({ ...row, bundle: Buffer.from(row.bundle).toString("latin1") })).not.toContain("PRIVATE KEY");
  });

  it("serves downloads over HTTP to members only: 401 signed out, 404 to non-members and unknown artifacts", async () => {
    const download = async (user: { id: string } | null, estateId: string, artifact: string) => {
      const headers = new Headers();
      if (user) headers.set("cookie", `parity_session=${(await createSession(testPrisma(), user.id)).token}`);
      return handleSnapshotDownload(
        testPrisma(),
        new Request(`http://parity.test/api/estates/${estateId}/snapshots/${first.id}/${artifact}`, { headers }),
        estateId,
        first.id,
        artifact,
      );
    };
    const ok = await download(demo.auditor, demo.demoEstate.id, "bundle.zip");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
    expect(ok.headers.get("content-disposition")).toMatch(/^attachment; filename="parity-.+-snapshot-1\.zip"$/);
    expect((await download(null, demo.demoEstate.id, "bundle.zip")).status).toBe(401);
    expect((await download(demo.security, demo.otherEstate.id, "bundle.zip")).status).toBe(404);
    expect((await download(demo.auditor, demo.demoEstate.id, "toString")).status).toBe(404);
  });

  it("refuses approval by the creator, lets a different person approve once, and bundles the signed approval", async () => {
    const creator = callerFor(demo.security);
    const refused = await creator.snapshots
      .approve({ estateId: demo.demoEstate.id, snapshotId: first.id, comment: "self" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    expect((refused as TRPCError).message).toMatch(/four-eyes/);

    expect(
      await codeOf(callerFor(demo.architect).snapshots.approve({ estateId: demo.demoEstate.id, snapshotId: first.id, comment: "x" })),
    ).toBe("FORBIDDEN");

    const auditor = callerFor(demo.auditor);
    await auditor.snapshots.approve({ estateId: demo.demoEstate.id, snapshotId: first.id, comment: "Reviewed against change CHG-1042" });
    expect(await codeOf(auditor.snapshots.approve({ estateId: demo.demoEstate.id, snapshotId: first.id, comment: "again" }))).toBe(
      "CONFLICT",
    );

    const list = await auditor.snapshots.list({ estateId: demo.demoEstate.id });
    expect(list.snapshots[0].approvals).toMatchObject([
      { approvedBy: { email: demo.auditor.email }, comment: "Reviewed against change CHG-1042", signatureValid: true },
    ]);

    const download = await snapshotArtifact(testPrisma(), demo.demoEstate.id, first.id, "bundle");
    const offline = verifyBundle(download.bytes, { trustedPublicKeyPem: installationKey().publicKeyPem, previousRoot: null });
    expect(offline.ok).toBe(true);
    expect(offline.checks.find((c) => c.name === "approval 1")?.detail).toContain(demo.auditor.email);
    const report = await snapshotArtifact(testPrisma(), demo.demoEstate.id, first.id, "report");
    expect(new TextDecoder().decode(report.bytes.subarray(0, 5))).toBe("%PDF-");
  });

  it("chains the next snapshot to the previous root and diffs the two", async () => {
    const security = callerFor(demo.security);
    const second = await security.snapshots.create({ estateId: demo.demoEstate.id });
    expect(second.sequence).toBe(2);
    const row = await testPrisma().auditSnapshot.findUniqueOrThrow({ where: { id: second.id } });
    expect(row.previousRoot).toBe(first.merkleRoot);
    const diff = await security.snapshots.diff({ estateId: demo.demoEstate.id, fromId: first.id, toId: second.id });
    expect(diff.rules).toMatchObject({ available: true, added: { total: 0 }, removed: { total: 0 }, changed: { total: 0 } });
    // Same frozen policy (equal part digest): identical connectivity, known without recomputing it.
    const connections = await security.snapshots.diffConnections({ estateId: demo.demoEstate.id, fromId: first.id, toId: second.id });
    expect(connections).toMatchObject({
      available: true,
      samePolicy: true,
      added: { total: 0 },
      removed: { total: 0 },
      changed: { total: 0 },
    });
  });

  it("verifies an uploaded bundle and reports exactly which check fails when one byte changes", async () => {
    const auditor = callerFor(demo.auditor);
    const download = await snapshotArtifact(testPrisma(), demo.demoEstate.id, first.id, "bundle");
    const form = (bytes: Uint8Array) => {
      const f = new FormData();
      f.set("estateId", demo.demoEstate.id);
      f.set("bundle", new File([Buffer.from(bytes)], "bundle.zip"));
      return f;
    };
    const good = await auditor.snapshots.verifyUpload(form(download.bytes));
    expect(good.ok).toBe(true);
    expect(good.checks.find((c) => c.name === "this estate")?.ok).toBe(true);
    const tampered = Uint8Array.from(download.bytes);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const bad = await auditor.snapshots.verifyUpload(form(tampered));
    expect(bad.ok).toBe(false);
    expect(bad.checks.some((c) => !c.ok)).toBe(true);
  });

  it("rejects UPDATE and DELETE of snapshot and approval rows in PostgreSQL", async () => {
    const prisma = testPrisma();
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "AuditSnapshot" SET "merkleRoot" = repeat('0', 64) WHERE id = '${first.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "AuditSnapshot" WHERE id = '${first.id}'`)).rejects.toThrow(/append-only/);
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "SnapshotApproval" SET comment = 'edited' WHERE "snapshotId" = '${first.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "SnapshotApproval" WHERE "snapshotId" = '${first.id}'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(prisma.auditSnapshot.update({ where: { id: first.id }, data: { previousRoot: null } })).rejects.toThrow();
    const row = await prisma.auditSnapshot.findUniqueOrThrow({ where: { id: first.id }, include: { approvals: true } });
    expect(row.merkleRoot).toBe(first.merkleRoot);
    expect(row.approvals[0].comment).toBe("Reviewed against change CHG-1042");
  });

  it("detects a row forged through raw SQL with a wrong previousRoot on read, and refuses to extend the chain", async () => {
    const prisma = testPrisma();
    // A separate estate (rows are immutable: the forgery stays forever) with a copy of the demo import.
    const lab = await prisma.estate.create({ data: { slug: `forgery-lab-${Date.now()}`, name: "Forgery lab" } });
    await prisma.membership.create({ data: { userId: demo.security.id, estateId: lab.id } });
    await prisma.membership.create({ data: { userId: demo.auditor.id, estateId: lab.id } });
    await importDemoInto(lab.id, demo.security.id);
    const security = callerFor(demo.security);
    const genuine = await security.snapshots.create({ estateId: lab.id });
    expect((await security.snapshots.list({ estateId: lab.id })).chain.ok).toBe(true);

    const wrongRoot = "ab".repeat(32);
    // The forger copies the genuine row and makes the columns and the meta agree: only the signature can tell.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "AuditSnapshot" (id, "estateId", sequence, "createdAt", "createdBy", "merkleRoot", "previousRoot", meta, digests, envelope, parts, "keyId", "publicKeyPem", bundle)
       SELECT gen_random_uuid(), "estateId", 2, now(), "createdBy", "merkleRoot", $2,
              jsonb_set(jsonb_set(meta, '{sequence}', '2'), '{previousRoot}', to_jsonb($2::text)), digests, envelope, parts, "keyId", "publicKeyPem", bundle
       FROM "AuditSnapshot" WHERE id = $1::uuid`,
      genuine.id,
      wrongRoot,
    );
    const list = await callerFor(demo.auditor).snapshots.list({ estateId: lab.id });
    expect(list.chain.ok).toBe(false);
    expect(list.chain.firstBrokenSequence).toBe(2);
    expect(list.chain.summary).toMatch(/broken at snapshot #2/);
    expect(list.snapshots.find((s) => s.sequence === 2)?.chain.state).toBe("broken");
    expect(list.snapshots.find((s) => s.sequence === 1)?.chain.state).toBe("ok");
    expect(await codeOf(security.snapshots.create({ estateId: lab.id }))).toBe("CONFLICT");
  });

  it("freezes the current translation's manifests and profile, and its verification with the translation's findings", async () => {
    const prisma = testPrisma();
    const latest = await prisma.estateImport.findFirstOrThrow({ where: { estateId: demo.demoEstate.id }, orderBy: { version: "desc" } });
    // Rows in the shape the translate and verify jobs store them.
    const translation = await prisma.translation.create({
      data: {
        estateId: demo.demoEstate.id,
        importId: latest.id,
        profileVersion: 0,
        apiVersion: "networking.k8s.io/v1",
        createdBy: demo.security.id,
        manifests: { files: { "namespaces/payments.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n" }, objects: [] },
        findings: [
          {
            id: "l7-profile-1",
            code: "l7-profile",
            severity: "medium",
            title: "L7 context profile not carried",
            ruleIds: ["1007"],
            why: "…",
            remediation: "Use an egress proxy",
            effect: "none",
            flows: [],
          },
        ],
        summary: storedTranslationSummary(),
      },
    });
    await prisma.verification.create({
      data: {
        estateId: demo.demoEstate.id,
        translationId: translation.id,
        equivalent: true,
        result: { equivalent: true, equivalentExceptFindings: true, differences: [], differenceCount: 0 },
      },
    });
    const security = callerFor(demo.security);
    const preview = await security.snapshots.preview({ estateId: demo.demoEstate.id });
    expect(
      preview.parts
        .filter((p) => p.provided)
        .map((p) => p.part)
        .sort(),
    ).toEqual(["engine", "equivalence", "manifests", "mappingProfile", "policy"]);
    expect(preview.verdict.word).toBe("EQUIVALENT");
    const third = await security.snapshots.create({ estateId: demo.demoEstate.id });
    const bundle = await snapshotArtifact(testPrisma(), demo.demoEstate.id, third.id, "bundle");
    expect(
      verifyBundle(bundle.bytes, {
        trustedPublicKeyPem: installationKey().publicKeyPem,
        previousRoot: (
          await prisma.auditSnapshot.findFirstOrThrow({ where: { estateId: demo.demoEstate.id, sequence: third.sequence - 1 } })
        ).merkleRoot,
      }).ok,
    ).toBe(true);
    const files = readZip(bundle.bytes);
    expect(new TextDecoder().decode(files["manifests/namespaces/payments.yaml"])).toContain("name: payments");
    const equivalence = JSON.parse(new TextDecoder().decode(files["parts/equivalence.json"])) as {
      value: { findings: { ruleId: string }[]; translationId: string };
    };
    expect(equivalence.value.translationId).toBe(translation.id);
    expect(equivalence.value.findings[0].ruleId).toBe("1007");
    const list = await security.snapshots.list({ estateId: demo.demoEstate.id });
    expect(list.chain.ok).toBe(true);
    expect(list.snapshots[0]).toMatchObject({ sequence: third.sequence, verdict: { word: "EQUIVALENT" } });
  });

  it("does not let auditors create or preview snapshots", async () => {
    const auditor = callerFor(demo.auditor);
    expect(await codeOf(auditor.snapshots.create({ estateId: demo.demoEstate.id }))).toBe("FORBIDDEN");
    expect(await codeOf(auditor.snapshots.preview({ estateId: demo.demoEstate.id }))).toBe("FORBIDDEN");
  });

  it("answers NOT_FOUND to non-members, for reads and writes alike", async () => {
    const outsider = callerFor(demo.security);
    expect(await codeOf(outsider.snapshots.list({ estateId: demo.otherEstate.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.snapshots.create({ estateId: demo.otherEstate.id }))).toBe("NOT_FOUND");
    expect(await codeOf(outsider.snapshots.verify({ estateId: demo.otherEstate.id, snapshotId: first.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(callerFor(demo.auditor).snapshots.approve({ estateId: demo.otherEstate.id, snapshotId: first.id, comment: "" })),
    ).toBe("NOT_FOUND");
    // A snapshot id of another estate is not reachable through an estate the user belongs to.
    const lab = await testPrisma().estate.findFirstOrThrow({ where: { slug: { startsWith: "forgery-lab-" } } });
    expect(await codeOf(callerFor(demo.auditor).snapshots.verify({ estateId: lab.id, snapshotId: first.id }))).toBe("NOT_FOUND");
  });
});
