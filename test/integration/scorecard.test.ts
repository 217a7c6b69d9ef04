/**
 * Platform scorecards through the tRPC caller on real PostgreSQL: estate-driven criteria from the imported
 * demo estate, append-only versions with author, role rules (architects edit; auditors and security
 * engineers read), NOT_FOUND for non-members, AHP CR ≥ 0.10 rejected, and the CSV/PDF export route.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { handleScorecardExport } from "../../src/server/api/scorecard-export.ts";
import { createSession } from "../../src/server/auth/session.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { SEED_CATALOGUE } from "../../src/scorecard/criteria/catalogue.ts";
import { callerFor, seeded, storedTranslationSummary, testPrisma } from "./helpers.ts";

let demo: Awaited<ReturnType<typeof seeded>>;
const sendJob = async (_queue: string, jobId: string) => {
  await runJob(testPrisma(), jobId, JOB_HANDLERS);
};

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

const finding = (code: string, severity: string, ruleIds: string[], effect: string) => ({
  id: `${code}-${ruleIds[0]}`,
  code,
  severity,
  title: code,
  ruleIds,
  why: "…",
  remediation: "…",
  effect,
  flows: [],
});
const ids = SEED_CATALOGUE.criteria.map((c) => c.id);
const estateId = () => demo.demoEstate.id;

beforeAll(async () => {
  demo = await seeded();
  // Import the demo estate first, through the same upload + job path the app uses.
  const form = new FormData();
  form.set("estateId", demo.demoEstate.id);
  for (const file of demoFiles()) form.append("files", new File([Buffer.from(file.bytes)], file.name));
  const { jobId } = await callerFor(demo.security, { sendJob }).imports.upload(form);
  expect((await testPrisma().job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe("succeeded");
});

describe("platform scorecard", () => {
  it("builds the scorecard from the imported estate with equal weights before anyone edits", async () => {
    const result = await callerFor(demo.auditor).scorecard.get({ estateId: estateId() });
    expect(result.version).toBeNull();
    expect(result.latestVersion).toBe(0);
    expect(result.source?.importVersion).toBeGreaterThanOrEqual(1);
    expect(result.source?.translation).toBeNull();
    expect(result.source?.membership.unresolved.map((u) => u.group.split("/").pop())).toEqual([
      "ad-traders",
      "hsm-appliances",
      "management-segment",
    ]);
    const { scorecard } = result;
    expect(scorecard.weights.method).toBe("equal");
    const coverage = scorecard.estateCoverage!;
    expect(coverage.enabledRules).toBeGreaterThan(300);
    expect(coverage.platforms.find((p) => p.platform === "ove")!.basis).toBe("rule-feature-estimate");
    // Engine membership: the flattened counts exceed the NSG priority range, so Azure Local is excluded.
    expect(coverage.azure.unresolvedGroups).toHaveLength(2);
    expect(scorecard.results.find((r) => r.platform === "azure-local")).toMatchObject({ excluded: true, rank: null });
    expect(scorecard.monteCarlo.samples).toBe(10_000);
  });

  it("feeds the latest translation's findings for this import to OVE coverage", async () => {
    const prisma = testPrisma();
    const latest = await prisma.estateImport.findFirstOrThrow({ where: { estateId: estateId() }, orderBy: { version: "desc" } });
    const rules = (latest.estate as { policies: { rules: { id: string; disabled: boolean }[] }[] }).policies
      .flatMap((p) => p.rules)
      .filter((r) => !r.disabled);
    const translation = await prisma.translation.create({
      data: {
        estateId: estateId(),
        importId: latest.id,
        profileVersion: 1,
        apiVersion: "networking.k8s.io/v1",
        manifests: [],
        summary: storedTranslationSummary(),
        // The shape src/translate stores: per finding the rules concerned and whether reachability changes.
        findings: [
          finding("fqdn-profile", "high", [rules[0].id], "lost"),
          finding("reject-becomes-drop", "low", [rules[1].id, rules[2].id], "none"),
          finding("icmp-not-carried", "medium", [rules[3].id], "lost"),
          finding("logging-granularity", "medium", [rules[4].id], "none"),
          { nonsense: true },
        ],
      },
    });
    try {
      const { scorecard, source } = await callerFor(demo.architect).scorecard.get({ estateId: estateId() });
      expect(source?.translation).toMatchObject({
        id: translation.id,
        findings: 5,
        ignored: 1,
        bySeverity: { high: 1, low: 1, medium: 2 },
      });
      const ove = scorecard.estateCoverage!.platforms.find((p) => p.platform === "ove")!;
      expect(ove.basis).toBe("translation-findings");
      expect(ove.expressible).toBe(rules.length - 2);
      expect(ove.lossyRules.map((r) => r.ruleId).sort()).toEqual([rules[0].id, rules[3].id].sort());
      expect(scorecard.estateCoverage!.findingsBySeverity).toEqual({ error: 2, warning: 1, info: 2 });
    } finally {
      await prisma.translation.delete({ where: { id: translation.id } });
    }
  });

  it("lets an architect save weights and a score as new versions with author and time", async () => {
    const architect = callerFor(demo.architect);
    const weights = { kind: "direct" as const, weights: Object.fromEntries(ids.map((id, i) => [id, i === 0 ? 5 : 1])) };
    expect(await architect.scorecard.saveWeights({ estateId: estateId(), weights, baseVersion: 0 })).toEqual({ version: 1 });
    await architect.scorecard.saveScore({
      estateId: estateId(),
      criterionId: "ebpf",
      platform: "vmware-nsx",
      score: 2,
      rationale: "PoC 2026-11: NSX 4.2 Antrea integration offers eBPF datapath for containers only",
      evidence: "tested",
      date: "2026-11-20",
    });
    const { scorecard, version, latestVersion } = await architect.scorecard.get({ estateId: estateId() });
    expect(latestVersion).toBe(2);
    expect(version).toMatchObject({ version: 2, author: { email: demo.architect.email, role: "architect" }, change: { kind: "score" } });
    expect(scorecard.weights.method).toBe("direct");
    expect(scorecard.criteria[0].weight).toBeCloseTo(5 / (5 + ids.length - 1), 12);
    const cell = scorecard.criteria.find((c) => c.id === "ebpf")!.scores.find((s) => s.platform === "vmware-nsx")!;
    expect(cell).toMatchObject({ score: 2, origin: "override", evidence: "tested", date: "2026-11-20", author: demo.architect.name });
    // The weights survive the score edit (each version holds the complete input).
    const versions = await callerFor(demo.auditor).scorecard.versions({ estateId: estateId() });
    expect(versions.map((v) => [v.version, v.change.kind, v.author?.email])).toEqual([
      [2, "score", demo.architect.email],
      [1, "weights", demo.architect.email],
    ]);
    expect(versions.every((v) => v.createdAt instanceof Date)).toBe(true);
    // Old versions stay readable exactly as they were.
    const v1 = await architect.scorecard.get({ estateId: estateId(), version: 1 });
    expect(v1.scorecard.criteria.find((c) => c.id === "ebpf")!.scores.find((s) => s.platform === "vmware-nsx")!.origin).toBe("catalogue");
    const history = await architect.scorecard.scoreHistory({ estateId: estateId(), criterionId: "ebpf", platform: "vmware-nsx" });
    expect(history.map((h) => [h.version, h.override?.score ?? null])).toEqual([[2, 2]]);
  });

  it("resets a score to the catalogue value as another new version", async () => {
    const architect = callerFor(demo.architect);
    expect(await architect.scorecard.resetScore({ estateId: estateId(), criterionId: "ebpf", platform: "vmware-nsx" })).toEqual({
      version: 3,
    });
    const { scorecard } = await architect.scorecard.get({ estateId: estateId() });
    expect(scorecard.criteria.find((c) => c.id === "ebpf")!.scores.find((s) => s.platform === "vmware-nsx")!.origin).toBe("catalogue");
    const history = await architect.scorecard.scoreHistory({ estateId: estateId(), criterionId: "ebpf", platform: "vmware-nsx" });
    expect(history.map((h) => [h.version, h.override?.score ?? null])).toEqual([
      [3, null],
      [2, 2],
    ]);
  });

  it("never rewrites a stored version (the database rejects UPDATE)", async () => {
    const row = await testPrisma().scorecardVersion.findFirstOrThrow({ where: { estateId: estateId(), version: 1 } });
    await expect(testPrisma().scorecardVersion.update({ where: { id: row.id }, data: { input: {} } })).rejects.toThrow(/append-only/);
  });

  it("refuses a save based on a stale version", async () => {
    const weights = { kind: "direct" as const, weights: { [ids[1]]: 1 } };
    expect(await codeOf(callerFor(demo.architect).scorecard.saveWeights({ estateId: estateId(), weights, baseVersion: 1 }))).toBe(
      "CONFLICT",
    );
  });

  it("rejects AHP judgements with CR ≥ 0.10 and stores nothing", async () => {
    const before = await testPrisma().scorecardVersion.count({ where: { estateId: estateId() } });
    const [a, b, c] = ids;
    const circular = {
      kind: "ahp" as const,
      comparison: {
        items: [a, b, c],
        judgements: [
          { a, b, value: 9 },
          { a: b, b: c, value: 9 },
          { a: c, b: a, value: 9 },
        ],
      },
    };
    const error = await callerFor(demo.architect)
      .scorecard.saveWeights({ estateId: estateId(), weights: circular, baseVersion: before })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/consistency ratio CR = .* ≥ 0.1/);
    expect(await testPrisma().scorecardVersion.count({ where: { estateId: estateId() } })).toBe(before);

    // A consistent matrix on the same items is accepted, with its CR reported.
    const consistent = {
      kind: "ahp" as const,
      comparison: {
        items: [a, b, c],
        judgements: [
          { a, b, value: 2 },
          { a: b, b: c, value: 2 },
          { a, b: c, value: 4 },
        ],
      },
    };
    await callerFor(demo.architect).scorecard.saveWeights({ estateId: estateId(), weights: consistent, baseVersion: before });
    const { scorecard } = await callerFor(demo.architect).scorecard.get({ estateId: estateId() });
    expect(scorecard.weights.method).toBe("ahp");
    expect(scorecard.weights.ahp[0].cr).toBeLessThan(0.1);
  });

  it("lets auditors and security engineers read but not edit", async () => {
    for (const user of [demo.auditor, demo.security]) {
      const caller = callerFor(user);
      expect(await codeOf(caller.scorecard.get({ estateId: estateId() }))).toBe("OK");
      expect(await codeOf(caller.scorecard.versions({ estateId: estateId() }))).toBe("OK");
      const latest = (await caller.scorecard.get({ estateId: estateId() })).latestVersion;
      expect(
        await codeOf(
          caller.scorecard.saveWeights({
            estateId: estateId(),
            weights: { kind: "direct", weights: { [ids[0]]: 1 } },
            baseVersion: latest,
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          caller.scorecard.saveScore({
            estateId: estateId(),
            criterionId: "qos",
            platform: "ove",
            score: 5,
            rationale: "x",
            evidence: "tested",
            date: "2026-11-20",
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(await codeOf(caller.scorecard.resetScore({ estateId: estateId(), criterionId: "qos", platform: "ove" }))).toBe("FORBIDDEN");
    }
  });

  it("answers NOT_FOUND to non-members, for reads and edits", async () => {
    const other = demo.otherEstate.id;
    expect(await codeOf(callerFor(demo.architect).scorecard.get({ estateId: other }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(demo.architect).scorecard.versions({ estateId: other }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        callerFor(demo.architect).scorecard.saveWeights({
          estateId: other,
          weights: { kind: "direct", weights: { [ids[0]]: 1 } },
          baseVersion: 0,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(demo.auditor).scorecard.get({ estateId: other }))).toBe("NOT_FOUND");
  });

  it("logs every scorecard edit in the activity log", async () => {
    const actions = await testPrisma().activityLog.findMany({ where: { estateId: estateId(), action: { startsWith: "scorecard." } } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["scorecard.saveWeights", "scorecard.saveScore", "scorecard.resetScore"]),
    );
  });
});

describe("scorecard export route", () => {
  async function request(user: typeof demo.architect | null, estate: string, format: string) {
    const headers = new Headers();
    if (user) headers.set("cookie", `parity_session=${(await createSession(testPrisma(), user.id)).token}`);
    return handleScorecardExport(
      testPrisma(),
      new Request(`http://parity.test/api/estates/${estate}/scorecard/export?format=${format}`, { headers }),
      estate,
    );
  }

  it("exports CSV and PDF to members, auditors included", async () => {
    const csv = await request(demo.auditor, estateId(), "csv");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="scorecard-helvetia-private-bank-v\d+\.csv"/);
    const text = await csv.text();
    expect(text).toMatch(/^"Criterion","Group","Weight"/); // every field quoted (OWASP CSV injection)
    expect(text).toMatch(/Rank/);
    const details = await (await request(demo.security, estateId(), "details-csv")).text();
    expect(details).toMatch(/Rationale/);
    const pdf = await request(demo.architect, estateId(), "pdf");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("answers 401 without a session, 404 to non-members and 400 to an unknown format", async () => {
    expect((await request(null, estateId(), "csv")).status).toBe(401);
    expect((await request(demo.architect, demo.otherEstate.id, "csv")).status).toBe(404);
    expect((await request(demo.architect, "not-a-uuid", "csv")).status).toBe(404);
    expect((await request(demo.architect, estateId(), "xlsx")).status).toBe(400);
  });
});
