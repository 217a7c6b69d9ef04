import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { handleTranslationBundle } from "../../src/server/api/translation-bundle.ts";
import { createSession } from "../../src/server/auth/session.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { createImportJob } from "../../src/server/services/imports.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

let demo: Awaited<ReturnType<typeof seeded>>;
const sendJob = async (_queue: string, jobId: string) => {
  await runJob(testPrisma(), jobId, JOB_HANDLERS);
};
const estateId = () => demo.demoEstate.id;

beforeAll(async () => {
  demo = await seeded();
  if ((await testPrisma().estateImport.count({ where: { estateId: demo.demoEstate.id } })) === 0) {
    const jobId = await createImportJob(testPrisma(), { estateId: demo.demoEstate.id, createdBy: demo.security.id, files: demoFiles() });
    await runJob(testPrisma(), jobId, JOB_HANDLERS);
  }
});

describe("translation and equivalence through the API", () => {
  let translationId = "";

  it("versions the mapping profile: security engineers save (stale saves conflict, bad bands rejected), auditors cannot", async () => {
    const security = callerFor(demo.security);
    const current = await security.translations.profile({ estateId: estateId() });
    const profile = { ...current.profile, namespace: { ...current.profile.namespace, fallback: "nsx-unassigned" } };
    const saved = await security.translations.saveProfile({ estateId: estateId(), profile, baseVersion: current.version });
    expect(saved.version).toBe(current.version + 1);
    await expect(security.translations.saveProfile({ estateId: estateId(), profile, baseVersion: current.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const overlapping = {
      ...profile,
      bands: { Emergency: { from: 0, to: 20 }, Infrastructure: { from: 10, to: 59 }, Environment: { from: 60, to: 99 } },
    };
    await expect(
      security.translations.saveProfile({ estateId: estateId(), profile: overlapping, baseVersion: saved.version }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(demo.auditor).translations.saveProfile({ estateId: estateId(), profile, baseVersion: saved.version }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const history = await callerFor(demo.auditor).translations.profileHistory({ estateId: estateId() });
    expect(history[0].version).toBe(saved.version);
  });

  it("translates as a job and stores objects with the NSX rule ids they came from, files and findings", async () => {
    const security = callerFor(demo.security, { sendJob });
    const { jobId } = await security.translations.run({ estateId: estateId(), api: "v1alpha1" });
    const job = await security.jobs.get({ estateId: estateId(), jobId });
    expect(job.error).toBeNull();
    expect(job.state).toBe("succeeded");
    const summary = await callerFor(demo.auditor).translations.summary({ estateId: estateId() });
    expect(summary).not.toBeNull();
    translationId = summary!.id;
    expect(summary!.summary.objectCount).toBeGreaterThan(100);
    // The round trip ran with the job: the demo is equivalent except its findings (IPv6 among them).
    expect(summary!.summary.roundTrip).toMatchObject({ equivalent: true, unexplained: 0, unmappedVms: 0, manifestErrors: 0, examples: [] });
    expect(summary!.summary.roundTrip!.pairsCompared).toBeGreaterThan(1000);
    const objects = await callerFor(demo.auditor).translations.objects({ estateId: estateId(), translationId });
    const anp = objects.find((o) => o.kind === "AdminNetworkPolicy");
    expect(anp?.ruleIds.length).toBeGreaterThan(0);
    expect(objects.some((o) => o.kind === "NetworkPolicy" && o.ruleIds.length > 0)).toBe(true);
    const file = await callerFor(demo.auditor).translations.file({ estateId: estateId(), translationId, path: anp!.path });
    expect(file.text).toContain("kind: AdminNetworkPolicy");
    const kustomization = await callerFor(demo.auditor).translations.file({
      estateId: estateId(),
      translationId,
      path: "kustomization.yaml",
    });
    expect(kustomization.text).toContain("resources:");
    const findings = await callerFor(demo.auditor).translations.findings({ estateId: estateId(), translationId });
    expect(findings.every((f) => f.remediation.length > 0)).toBe(true);
    const list = await callerFor(demo.architect).translations.list({ estateId: estateId() });
    expect(list[0].id).toBe(translationId);
  });

  it("verifies as a job: verdict, differences with both deciding rules, heatmap", async () => {
    const security = callerFor(demo.security, { sendJob });
    const { jobId } = await security.equivalence.run({ estateId: estateId() });
    const job = await security.jobs.get({ estateId: estateId(), jobId });
    expect(job.error).toBeNull();
    expect(job.state).toBe("succeeded");
    const summary = await callerFor(demo.auditor).equivalence.summary({ estateId: estateId() });
    expect(summary?.translationId).toBe(translationId);
    const result = summary!.result;
    // Every difference is classified; the demo translation differs from NSX only where its findings say so
    // (ICMP not carried, and every IPv6 flow, which the IPv4-only target cluster cannot carry).
    expect(result.truncated).toBe(false);
    expect(result.differenceCount).toBeGreaterThan(0);
    expect(result.unexplainedByFamily?.[4]).toBe(0);
    expect(result.unexplainedByFamily?.[6]).toBe(0);
    // The summary leaves the differences in the database; pages read a window at a time.
    expect("differences" in result).toBe(false);
    expect(result.listedDifferences).toBeGreaterThan(0);
    const all = await callerFor(demo.auditor).equivalence.differences({ estateId: estateId(), limit: 100 });
    expect(all.total).toBe(result.listedDifferences);
    expect(all.items.length).toBe(Math.min(100, all.total));
    expect(all.items.every((d) => d.status === "explained-by-finding")).toBe(true);
    const unexplainedOnly = await callerFor(demo.auditor).equivalence.differences({ estateId: estateId(), status: "unexplained" });
    expect(unexplainedOnly.total).toBe(0);
    const v6 = await callerFor(demo.auditor).equivalence.differences({ estateId: estateId(), family: "6", offset: 2, limit: 3 });
    expect(v6.items.every((d) => d.family === 6)).toBe(true);
    expect(v6.total).toBe(all.total - (await callerFor(demo.auditor).equivalence.differences({ estateId: estateId(), family: "4" })).total);
    const v6Window = await callerFor(demo.auditor).equivalence.differences({ estateId: estateId(), family: "6", limit: 5 });
    expect(v6.items).toEqual(v6Window.items.slice(2, 5));
    expect(result.heatmap.axis.length).toBeGreaterThan(3);
    expect(result.heatmap.cells.length).toBeGreaterThan(0);
    expect(result.lint?.some((item) => item.kind === "disabled" || item.kind === "shadowed" || item.kind === "redundant")).toBe(true);
    for (const d of all.items) {
      expect(d.nsx.decisions.length).toBeGreaterThan(0);
      expect(d.k8s.side).toBe("k8s");
    }
    // One proof, one number: the verification's IPv4 part is the translation's round trip.
    const translated = await callerFor(demo.auditor).translations.summary({ estateId: estateId() });
    const roundTrip = translated!.summary.roundTrip!;
    expect(result.byFamily?.[4]).toEqual({ classPairs: roundTrip.pairsCompared, differences: roundTrip.explained + roundTrip.unexplained });
    expect(result.byFamily![4].classPairs + result.byFamily![6].classPairs).toBe(result.stats.classPairs);
    const listed = await callerFor(demo.auditor).translations.list({ estateId: estateId() });
    expect(listed[0].verification?.id).toBe(summary!.id);
    // An audit snapshot now freezes the translation, the proof and the lint the verification ran.
    const preview = await security.snapshots.preview({ estateId: estateId() });
    const byPart = Object.fromEntries(preview.parts.map((p) => [p.part, p]));
    for (const part of ["manifests", "mappingProfile", "equivalence", "lint"])
      expect({ ...byPart[part], part }).toMatchObject({ part, provided: true });
  });

  it("answers 'can A reach B on port P?' on both sides with traces", async () => {
    const auditor = callerFor(demo.auditor);
    const vms = await auditor.equivalence.endpoints({ estateId: estateId(), search: "" });
    expect(vms.length).toBeGreaterThan(1);
    const answer = await auditor.equivalence.query({
      estateId: estateId(),
      src: vms[0].name,
      dst: vms[1].name,
      protocol: "TCP",
      port: 443,
    });
    expect(answer.nsx.decisions.map((d) => d.enforcementPoint)).toEqual([`vnic-out:${vms[0].name}`, `vnic-in:${vms[1].name}`]);
    expect(answer.k8s).not.toBeNull();
    expect(answer.k8s!.decisions.map((d) => d.enforcementPoint.split(":")[0])).toEqual(["egress", "ingress"]);
    await expect(
      auditor.equivalence.query({ estateId: estateId(), src: "no-such-vm", dst: vms[1].name, protocol: "TCP", port: 443 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("answers a query over a set of flows (no port) per part, with verdict partial, on both sides", async () => {
    const answer = await callerFor(demo.auditor).equivalence.query({
      estateId: estateId(),
      src: "hpb-ebk-web-p01",
      dst: "hpb-ebk-app-p01",
      protocol: "TCP",
    });
    for (const side of [answer.nsx, answer.k8s!]) {
      expect(side.verdict).toBe("partial");
      expect(side.parts!.map((p) => p.verdict)).toEqual(["allow", "deny"]);
      expect(side.parts![0].traffic).toContain("443");
    }
    expect(answer.agree).toBe(true);
    expect(answer.flowText).toBe("TCP (every port)");
  });

  it("keeps auditors and non-members out of every change, and non-members out of every read", async () => {
    const auditor = callerFor(demo.auditor, { sendJob });
    await expect(auditor.translations.run({ estateId: estateId(), api: "v1alpha1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(auditor.equivalence.run({ estateId: estateId() })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(demo.architect, { sendJob }).translations.run({ estateId: estateId(), api: "v1alpha1" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const outsider = callerFor(demo.security);
    await expect(outsider.translations.summary({ estateId: demo.otherEstate.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.equivalence.summary({ estateId: demo.otherEstate.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.translations.objects({ estateId: demo.otherEstate.id, translationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // CSRF: a mutation without the echoed token is refused even for an engineer.
    await expect(
      callerFor(demo.security, { csrfOk: false }).translations.run({ estateId: estateId(), api: "v1alpha1" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("downloads the bundle (ZIP with kustomization.yaml) to members only", async () => {
    const request = async (user: typeof demo.auditor | null, estate: string) => {
      const headers = new Headers();
      if (user) headers.set("cookie", `parity_session=${(await createSession(testPrisma(), user.id)).token}`);
      return handleTranslationBundle(
        testPrisma(),
        new Request(`http://parity.test/api/estates/${estate}/translations/${translationId}/bundle`, { headers }),
        estate,
        translationId,
      );
    };
    const ok = await request(demo.auditor, estateId());
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await ok.arrayBuffer()));
    expect(strFromU8(files["kustomization.yaml"])).toContain("kind: Kustomization");
    expect(Object.keys(files).some((f) => f.startsWith("admin/"))).toBe(true);
    expect((await request(null, estateId())).status).toBe(401);
    expect((await request(demo.security, demo.otherEstate.id)).status).toBe(404);
  });
});
