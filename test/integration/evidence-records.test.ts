/**
 * Issue 13 evidence records through the tRPC API on real PostgreSQL: CLI bundle = web bundle, change records
 * with an approval policy (roles, segregation of duties, rejection), rule ownership with history, the
 * deployed-state check (equal and drifted cluster), signing-key rotation in the chain, append-only tables.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { parseAllDocuments, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyBundle } from "../../src/audit/verify.ts";
import { readZip } from "../../src/audit/zip.ts";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { createImportJob } from "../../src/server/services/imports.ts";
import { rotateSigningKey } from "../../src/server/services/key-rotation.ts";
import { installationKey } from "../../src/server/services/signing-key.ts";
import { snapshotArtifact } from "../../src/server/services/snapshots.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), "parity-keys-"));
process.env.PARITY_KEY_DIR = keyDir;
const root = new URL("../../", import.meta.url).pathname;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sendJob = async (_queue: string, jobId: string) => {
  await runJob(testPrisma(), jobId, JOB_HANDLERS);
};

type TUser = { id: string; email: string; name: string; role: "admin" | "security_engineer" | "auditor" | "architect" };
let demo: Awaited<ReturnType<typeof seeded>>;
let estateId = "";
let security2: TUser;
let auditor2: TUser;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

async function user(role: TUser["role"], name: string): Promise<TUser> {
  const u = await testPrisma().user.create({
    data: { email: `${name}-${Date.now()}@evidence.test`, name, role, passwordHash: "not-a-login" },
    select: { id: true, email: true, name: true, role: true },
  });
  await testPrisma().membership.create({ data: { userId: u.id, estateId } });
  return u;
}

const change = (decision: "approve" | "reject", changeRef = "CHG-4711") => ({ decision, changeRef, reason: `${decision} after review` });

beforeAll(async () => {
  demo = await seeded();
  const prisma = testPrisma();
  const lab = await prisma.estate.create({ data: { slug: `evidence-lab-${Date.now()}`, name: "Evidence lab" } });
  estateId = lab.id;
  for (const u of [demo.security, demo.auditor, demo.admin, demo.architect])
    await prisma.membership.create({ data: { userId: u.id, estateId } });
  security2 = await user("security_engineer", "second-engineer");
  auditor2 = await user("auditor", "second-auditor");
  const jobId = await createImportJob(prisma, { estateId, createdBy: demo.security.id, files: demoFiles() });
  await runJob(prisma, jobId, JOB_HANDLERS);
  const security = callerFor(demo.security, { sendJob });
  await security.translations.run({ estateId, api: "v1alpha1" });
  await security.equivalence.run({ estateId });
}, 600_000);

describe("evidence records", () => {
  let first: { id: string; sequence: number; merkleRoot: string };

  it("a CLI bundle and a web bundle of the same inputs hold the same parts, manifests and verdict", async () => {
    first = await callerFor(demo.security).snapshots.create({ estateId });
    const web = readZip((await snapshotArtifact(testPrisma(), estateId, first.id, "bundle")).bytes);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parity-cli-web-"));
    const files = demoFiles().map((f) => {
      fs.writeFileSync(path.join(dir, f.name), f.bytes);
      return path.join(dir, f.name);
    });
    const cli = spawnSync(
      "node",
      [
        path.join(root, "src/cli/parity.mjs"),
        "snapshot",
        "create",
        ...files,
        "--out",
        path.join(dir, "cli.zip"),
        "--key",
        path.join(keyDir, "signing-key.pem"),
        "--estate-name",
        "Evidence lab",
        "--no-report",
      ],
      { encoding: "utf8", cwd: root },
    );
    expect(cli.status, cli.stderr + cli.stdout).toBe(0);
    const bundle = readZip(new Uint8Array(fs.readFileSync(path.join(dir, "cli.zip"))));

    const names = (z: Record<string, Uint8Array>, prefix: string) =>
      Object.keys(z)
        .filter((n) => n.startsWith(prefix))
        .sort();
    expect(names(bundle, "parts/")).toEqual(names(web, "parts/"));
    expect(names(bundle, "parts/")).toEqual(
      expect.arrayContaining([
        "parts/equivalence.json",
        "parts/lint.json",
        "parts/engine.json",
        "parts/mapping-profile.json",
        "parts/governance.json",
        "parts/rule-records.json",
      ]),
    );
    expect(names(bundle, "manifests/")).toEqual(names(web, "manifests/"));
    const part = (z: Record<string, Uint8Array>, name: string) =>
      JSON.parse(text(z[`parts/${name}.json`])) as { status: string; value: Record<string, unknown> };
    for (const name of ["policy", "mapping-profile", "manifests", "equivalence", "lint", "engine", "rule-records"]) {
      expect(part(bundle, name).status, `CLI ${name}`).toBe("provided");
      expect(part(web, name).status, `web ${name}`).toBe("provided");
    }
    // Same proof: same verdict and counts; same manifests byte for byte; same engine.
    for (const field of ["equivalent", "equivalentExceptFindings", "differenceCount", "unexplained"])
      expect(part(bundle, "equivalence").value[field], field).toEqual(part(web, "equivalence").value[field]);
    expect(text(bundle["parts/manifests.json"])).toBe(text(web["parts/manifests.json"]));
    expect(text(bundle["parts/engine.json"])).toBe(text(web["parts/engine.json"]));
    expect(text(bundle["parts/rule-records.json"])).toBe(text(web["parts/rule-records.json"]));
    expect((part(bundle, "lint").value.findings as unknown[]).length).toBe((part(web, "lint").value.findings as unknown[]).length);
  }, 300_000);

  it("default policy: not the creator, not the creator's role, not an architect; an auditor's approval makes it approved", async () => {
    const ref = { estateId, snapshotId: first.id };
    const self = await callerFor(demo.security)
      .snapshots.decide({ ...ref, ...change("approve") })
      .catch((e: unknown) => e);
    expect((self as TRPCError).code).toBe("FORBIDDEN");
    expect((self as TRPCError).message).toMatch(/four-eyes/);
    const sameRole = await callerFor(security2)
      .snapshots.decide({ ...ref, ...change("approve") })
      .catch((e: unknown) => e);
    expect((sameRole as TRPCError).code).toBe("FORBIDDEN");
    expect((sameRole as TRPCError).message).toMatch(/another role/);
    expect(await codeOf(callerFor(demo.architect).snapshots.decide({ ...ref, ...change("approve") }))).toBe("FORBIDDEN");
    expect(await codeOf(callerFor(demo.auditor).snapshots.decide({ ...ref, ...change("approve", "") }))).toBe("BAD_REQUEST");

    let list = await callerFor(demo.auditor).snapshots.list({ estateId });
    expect(list.snapshots.find((s) => s.id === first.id)?.approvalStatus).toMatchObject({ state: "pending", approvals: 0, required: 1 });
    await callerFor(demo.auditor).snapshots.decide({ ...ref, ...change("approve") });
    list = await callerFor(demo.auditor).snapshots.list({ estateId });
    const s = list.snapshots.find((x) => x.id === first.id)!;
    expect(s.approvalStatus).toMatchObject({ state: "approved", approvals: 1, required: 1 });
    expect(s.governance).toMatchObject({ requiredApprovals: 1, creatorRole: "security_engineer", retentionYears: 10 });
    expect(s.approvals[0]).toMatchObject({
      role: "auditor",
      changeRef: "CHG-4711",
      decision: "approve",
      signatureValid: true,
      counts: true,
    });
    expect(s.approvals[0].scope).toEqual(expect.arrayContaining(["inputs", "policy", "manifests", "equivalence"]));

    const bundle = await snapshotArtifact(testPrisma(), estateId, first.id, "bundle");
    const offline = verifyBundle(bundle.bytes, { trustedPublicKeyPem: installationKey().publicKeyPem, previousRoot: null });
    expect(offline.ok).toBe(true);
    expect(offline.approvalStatus?.state).toBe("approved");
  });

  it("an estate policy of 2 approvals from auditors and admins: one approval is pending, a rejection blocks", async () => {
    expect(
      await codeOf(
        callerFor(demo.security).snapshots.setEvidencePolicy({
          estateId,
          requiredApprovals: 2,
          approverRoles: ["auditor"],
          allowCreatorRole: false,
          retentionYears: 10,
        }),
      ),
    ).toBe("FORBIDDEN");
    await callerFor(demo.admin).snapshots.setEvidencePolicy({
      estateId,
      requiredApprovals: 2,
      approverRoles: ["auditor", "admin"],
      allowCreatorRole: false,
      retentionYears: 12,
    });
    expect(await callerFor(demo.auditor).snapshots.evidencePolicy({ estateId })).toMatchObject({ version: 1, retentionYears: 12 });
    const second = await callerFor(demo.security).snapshots.create({ estateId });
    const ref = { estateId, snapshotId: second.id };
    const status = async () => (await callerFor(demo.auditor).snapshots.list({ estateId })).snapshots.find((s) => s.id === second.id)!;

    await callerFor(demo.auditor).snapshots.decide({ ...ref, ...change("approve") });
    expect((await status()).approvalStatus).toMatchObject({ state: "pending", approvals: 1, required: 2 });
    expect((await status()).governance).toMatchObject({ requiredApprovals: 2, retentionYears: 12 });
    expect(await codeOf(callerFor(security2).snapshots.decide({ ...ref, ...change("approve") }))).toBe("FORBIDDEN");
    await callerFor(demo.admin).snapshots.decide({ ...ref, ...change("reject", "CHG-4712") });
    await callerFor(auditor2).snapshots.decide({ ...ref, ...change("approve") });
    const s = await status();
    expect(s.approvalStatus.state).toBe("rejected");
    expect(s.approvalStatus.summary).toMatch(/rejected by .* \(admin\)/);
    expect(s.approvals.map((a) => a.decision)).toEqual(["approve", "reject", "approve"]);
    // The first snapshot keeps the policy it was sealed with.
    expect(
      (await callerFor(demo.auditor).snapshots.list({ estateId })).snapshots.find((x) => x.id === first.id)?.approvalStatus.state,
    ).toBe("approved");
    const verified = await callerFor(demo.auditor).snapshots.verify(ref);
    expect(verified.ok).toBe(true);
    expect(verified.checks.find((c) => c.name === "approval policy")?.detail).toMatch(/^rejected by/);
  });

  it("rule owner and justification: from the export, edited with history by security engineers only, frozen in the snapshot", async () => {
    const latest = await testPrisma().estateImport.findFirstOrThrow({ where: { estateId }, orderBy: { version: "desc" } });
    const ruleId = (latest.estate as { policies: { rules: { id: string; notes?: string }[] }[] }).policies
      .flatMap((p) => p.rules)
      .find((r) => r.notes)!.id;
    const before = await callerFor(demo.auditor).snapshots.ruleRecord({ estateId, ruleId });
    expect(before.versions).toHaveLength(1);
    expect(before.versions[0]).toMatchObject({ version: 0, source: "export" });
    expect(before.versions[0].justification).toBeTruthy();
    expect(await codeOf(callerFor(demo.auditor).snapshots.editRuleRecord({ estateId, ruleId, owner: "x", justification: "y" }))).toBe(
      "FORBIDDEN",
    );
    await callerFor(demo.security).snapshots.editRuleRecord({ estateId, ruleId, owner: "Payments", justification: "Card clearing" });
    await callerFor(security2).snapshots.editRuleRecord({
      estateId,
      ruleId,
      owner: "Payments Ops",
      justification: "Card clearing (PCI scope)",
    });
    const after = await callerFor(demo.auditor).snapshots.ruleRecord({ estateId, ruleId });
    expect(after.versions.map((v) => v.version)).toEqual([2, 1, 0]);
    expect(after.versions[0]).toMatchObject({ owner: "Payments Ops", by: security2.email });
    const third = await callerFor(demo.security).snapshots.create({ estateId });
    const files = readZip((await snapshotArtifact(testPrisma(), estateId, third.id, "bundle")).bytes);
    const records = JSON.parse(text(files["parts/rule-records.json"])) as {
      value: { rules: Record<string, { owner: string; version: number; source: string }> };
    };
    expect(records.value.rules[ruleId]).toMatchObject({ owner: "Payments Ops", version: 2, source: "edited" });
  });

  it("deployed-state check: an equal cluster is sealed as matching, a drifted one with its differences, both linked", async () => {
    const files = readZip((await snapshotArtifact(testPrisma(), estateId, first.id, "bundle")).bytes);
    const items: Record<string, unknown>[] = [];
    for (const [name, bytes] of Object.entries(files))
      if (name.startsWith("manifests/") && !name.endsWith("kustomization.yaml"))
        for (const doc of parseAllDocuments(text(bytes))) if (doc.toJS()) items.push(doc.toJS() as Record<string, unknown>);
    const form = (list: Record<string, unknown>[]) => {
      const f = new FormData();
      f.set("estateId", estateId);
      f.set("snapshotId", first.id);
      f.set("cluster", new File([stringify({ apiVersion: "v1", kind: "List", items: list })], "cluster.yaml"));
      return f;
    };
    expect(await codeOf(callerFor(demo.auditor).snapshots.checkDeployed(form(items)))).toBe("FORBIDDEN");
    const equal = await callerFor(demo.security).snapshots.checkDeployed(form(items));
    expect(equal.equivalent).toBe(true);
    expect(equal.comparison.stats.endpoints).toBeGreaterThan(50);

    // Drift: the namespace policies were never applied (or deleted) in the cluster.
    const drifted = await callerFor(demo.security).snapshots.checkDeployed(form(items.filter((i) => i.kind !== "NetworkPolicy")));
    expect(drifted.equivalent).toBe(false);
    expect(drifted.comparison.differenceCount).toBeGreaterThan(0);
    expect(drifted.comparison.differences[0]).toMatchObject({ src: expect.any(String), dst: expect.any(String) });

    const list = await callerFor(demo.auditor).snapshots.list({ estateId });
    expect(list.chain.ok).toBe(true);
    expect(list.snapshots.find((s) => s.id === drifted.id)?.deployment).toMatchObject({
      checkedSequence: first.sequence,
      equivalent: false,
    });
    expect(list.snapshots.find((s) => s.id === equal.id)?.deployment).toMatchObject({ checkedRoot: first.merkleRoot, equivalent: true });
    const bundle = await snapshotArtifact(testPrisma(), estateId, drifted.id, "bundle");
    expect(verifyBundle(bundle.bytes, { trustedPublicKeyPem: installationKey().publicKeyPem, previousRoot: equal.merkleRoot }).ok).toBe(
      true,
    );
  }, 300_000);

  it("signing-key rotation: the chain stays intact across the key change, old snapshots still take approvals", async () => {
    const oldKey = installationKey();
    const rotated = await rotateSigningKey(testPrisma(), "annual rotation", keyDir);
    const newKey = installationKey();
    expect(newKey.keyId).toBe(rotated.newKeyId);
    expect(newKey.keyId).not.toBe(oldKey.keyId);
    expect(fs.existsSync(path.join(keyDir, "retired", `${oldKey.keyId}.pub`))).toBe(true);
    const after = await callerFor(demo.security).snapshots.create({ estateId });
    const list = await callerFor(demo.auditor).snapshots.list({ estateId });
    expect(list.chain).toMatchObject({ ok: true });
    // An approval signed with the new key on a snapshot sealed under the old one verifies through the rotation.
    const open = list.snapshots.find((s) => s.sequence === 3)!;
    await callerFor(demo.auditor).snapshots.decide({ estateId, snapshotId: open.id, ...change("approve") });
    const relisted = await callerFor(demo.auditor).snapshots.list({ estateId });
    expect(relisted.snapshots.find((s) => s.id === open.id)?.approvals.at(-1)?.signatureValid).toBe(true);
    // Offline: the new snapshot carries the rotation and verifies pinned to the OLD key.
    const bundle = await snapshotArtifact(testPrisma(), estateId, after.id, "bundle");
    const files = readZip(bundle.bytes);
    expect(JSON.parse(text(files["parts/key-rotations.json"]))).toHaveLength(await testPrisma().signingKeyRotation.count());
    const offline = verifyBundle(bundle.bytes, { trustedPublicKeyPem: oldKey.publicKeyPem });
    expect(offline.checks.filter((c) => !c.ok)).toEqual([]);
    expect(offline.checks.find((c) => c.name === "trusted key")?.detail).toMatch(/trusted through key rotation/);
  }, 300_000);

  it("keeps change records, policies, rule edits and key rotations append-only in PostgreSQL", async () => {
    const prisma = testPrisma();
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "SnapshotApproval" SET decision = 'reject' WHERE "snapshotId" = '${first.id}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "EvidencePolicy" SET "requiredApprovals" = 1 WHERE "estateId" = '${estateId}'`),
    ).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "RuleRecordEdit" WHERE "estateId" = '${estateId}'`)).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "SigningKeyRotation"`)).rejects.toThrow(/append-only/);
  });
});
