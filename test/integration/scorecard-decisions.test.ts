/**
 * Issue #16 on real PostgreSQL: custom criteria, vendor workshops with attachments, scores citing answers,
 * decision records sealed into the audit chain — and who may do what: architects (and admins) edit;
 * auditors and security engineers read; non-members get NOT_FOUND; the database refuses rewrites.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { handleScorecardExport, handleWorkshopAttachment } from "../../src/server/api/scorecard-export.ts";
import { createSession } from "../../src/server/auth/session.ts";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

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

// An estate of its own: other test files change the demo estate's scorecard in parallel.
let ownEstateId = "";
const estateId = () => ownEstateId;
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const value = (platform: "vmware-nsx" | "ove" | "azure-local" | "swisscom-esc", v: number) => ({
  platform,
  value: v,
  evidence: "vendor-claim" as const,
  source: `offer ${platform}`,
  date: "2026-12-01",
});
const licensing = {
  name: "Licensing cost (CHF/yr)",
  description: "Yearly licence cost for the estate",
  group: "strategy-compliance" as const,
  direction: "lower-is-better" as const,
  unit: { kind: "number" as const, label: "CHF/yr", normalisation: "min-max" as const },
  values: [value("vmware-nsx", 420_000), value("ove", 180_000), value("azure-local", 240_000), value("swisscom-esc", 300_000)],
};

function answerForm(estate: string, answer: object, files: { name: string; bytes: Uint8Array }[] = []) {
  const form = new FormData();
  form.set("estateId", estate);
  form.set("answer", JSON.stringify(answer));
  for (const f of files) form.append("files", new File([Buffer.from(f.bytes)], f.name));
  return form;
}

let sessionId = "";
let answerId = "";

beforeAll(async () => {
  demo = await seeded();
  const estate = await testPrisma().estate.create({
    data: { slug: `scorecard-decisions-${Date.now()}`, name: "Scorecard decisions test bank" },
  });
  ownEstateId = estate.id;
  await testPrisma().membership.createMany({
    data: [demo.architect, demo.auditor, demo.security].map((u) => ({ userId: u.id, estateId: estate.id })),
  });
  const form = new FormData();
  form.set("estateId", estateId());
  for (const file of demoFiles()) form.append("files", new File([Buffer.from(file.bytes)], file.name));
  await callerFor(demo.security, { sendJob }).imports.upload(form);
});

describe("custom criteria, workshops and decisions", () => {
  it("an architect adds a numeric criterion; totals include it with the stated rule", async () => {
    const architect = callerFor(demo.architect);
    const before = await architect.scorecard.get({ estateId: estateId() });
    const { version } = await architect.scorecard.saveCriterion({ estateId: estateId(), ...licensing });
    const after = await architect.scorecard.get({ estateId: estateId() });
    expect(after.version?.version).toBe(version);
    expect(after.version?.change.kind).toBe("criterion-add");
    expect(after.version?.author?.email).toBe(demo.architect.email);
    const c = after.scorecard.criteria.find((x) => x.id === "custom-licensing-cost-chf-yr")!;
    expect(c.custom?.rule).toMatch(/^Min–max normalised to 0–5, lower is better/);
    expect(c.scores.map((s) => s.score)).toEqual([0, 5, 3.75, 2.5]);
    expect(after.scorecard.criteria.length).toBe(before.scorecard.criteria.length + 1);
    // Usable in direct weighting (a criterion the saved weights do not name weighs 0 until weighed).
    await architect.scorecard.saveWeights({
      estateId: estateId(),
      weights: { kind: "direct", weights: { "custom-licensing-cost-chf-yr": 3, "lock-in": 1 } },
      baseVersion: version,
    });
    const weighted = await architect.scorecard.get({ estateId: estateId() });
    expect(weighted.scorecard.weights.weights["custom-licensing-cost-chf-yr"]).toBeCloseTo(0.75, 9);
    const lockIn = (p: string) => weighted.scorecard.criteria.find((x) => x.id === "lock-in")!.scores.find((x) => x.platform === p)!.score;
    expect(weighted.scorecard.results.find((r) => r.platform === "ove")!.total).toBeCloseTo(0.75 * 5 + 0.25 * lockIn("ove"), 9);
    expect(weighted.scorecard.results.find((r) => r.platform === "vmware-nsx")!.total).toBeCloseTo(0.25 * lockIn("vmware-nsx"), 9);
  });

  it("records a workshop with an answer and a PDF attachment; refuses a disguised file", async () => {
    const architect = callerFor(demo.architect);
    sessionId = (
      await architect.scorecard.workshops.createSession({
        estateId: estateId(),
        platform: "ove",
        date: "2026-12-03",
        title: "OVE networking deep dive",
        participants: ["Ari Architect", "Sam Secops"],
        vendorAttendees: ["Red Hat SA"],
      })
    ).id;
    const recorded = await architect.scorecard.workshops.recordAnswer(
      answerForm(
        estateId(),
        {
          sessionId,
          questionId: "rs-1",
          answer: "ANPs by category; 4 months with two engineers",
          criterionIds: ["estate-coverage", "custom-licensing-cost-chf-yr"],
        },
        [{ name: "../../slides.pdf", bytes: PDF }],
      ),
    );
    answerId = recorded.id;
    expect(recorded.attachments[0]).toMatchObject({ name: "slides.pdf", contentType: "application/pdf", size: PDF.length });
    expect(recorded.attachments[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(
      await codeOf(
        architect.scorecard.workshops.recordAnswer(
          answerForm(estateId(), { sessionId, questionId: "rs-2", answer: "x", criterionIds: [] }, [{ name: "evil.pdf", bytes: html }]),
        ),
      ),
    ).toBe("BAD_REQUEST");
    const list = await callerFor(demo.auditor).scorecard.workshops.list({ estateId: estateId() });
    expect(list.sessions[0].answers).toHaveLength(1);
    expect(list.sessions[0].answers[0].questionTitle).toBe("NSX DFW Rule Migration Strategy");
  });

  it("a score cites the answer as its evidence; only an answer for the same platform", async () => {
    const architect = callerFor(demo.architect);
    const edit = {
      estateId: estateId(),
      criterionId: "policy-management",
      score: 4,
      rationale: "Shown in the workshop",
      evidence: "vendor-claim" as const,
      date: "2026-12-03",
      answerId,
    };
    expect(await codeOf(architect.scorecard.saveScore({ ...edit, platform: "azure-local" }))).toBe("BAD_REQUEST");
    await architect.scorecard.saveScore({ ...edit, platform: "ove" });
    const { scorecard } = await architect.scorecard.get({ estateId: estateId() });
    const cell = scorecard.criteria.find((c) => c.id === "policy-management")!.scores.find((s) => s.platform === "ove")!;
    expect(cell.answerId).toBe(answerId);
    expect(cell.sources[0].document).toBe("Workshop OVE, 2026-12-03 (OVE networking deep dive)");
  });

  it("an architect freezes a decision and seals it into the audit chain; the snapshot carries the record's hash", async () => {
    const architect = callerFor(demo.architect);
    const latest = (await architect.scorecard.get({ estateId: estateId() })).latestVersion;
    expect(
      await codeOf(
        architect.scorecard.decisions.create({
          estateId: estateId(),
          chosenPlatform: "ove",
          rationale: "r",
          dissent: "",
          baseVersion: latest - 1,
        }),
      ),
    ).toBe("CONFLICT");
    const decision = await architect.scorecard.decisions.create({
      estateId: estateId(),
      chosenPlatform: "ove",
      rationale: "Cost and exit",
      dissent: "Sam Secops prefers NSX until ANP is GA",
      baseVersion: latest,
    });
    expect(decision.number).toBe(1);
    const sealed = await architect.scorecard.decisions.seal({ estateId: estateId(), number: 1 });
    expect(await codeOf(architect.scorecard.decisions.seal({ estateId: estateId(), number: 1 }))).toBe("CONFLICT");
    const [listed] = await callerFor(demo.auditor).scorecard.decisions.list({ estateId: estateId() });
    expect(listed).toMatchObject({ number: 1, chosenPlatform: "ove", intact: true, sha256: decision.sha256 });
    expect(listed.seal).toMatchObject({ sequence: sealed.sequence, merkleRoot: sealed.merkleRoot, hashInSnapshot: true });
    const snapshots = await callerFor(demo.auditor).snapshots.list({ estateId: estateId() });
    expect(snapshots.chain.ok).toBe(true);
    // The record is immutable in the database; only the one-time seal link was allowed.
    await expect(
      testPrisma().$executeRawUnsafe(`UPDATE "ScorecardDecision" SET "chosenPlatform" = 'vmware-nsx' WHERE number = 1`),
    ).rejects.toThrow(/immutable/);
    await expect(testPrisma().$executeRawUnsafe(`UPDATE "WorkshopAnswer" SET answer = 'edited'`)).rejects.toThrow(/append-only/);
  });

  it("auditors and security engineers read everything but change nothing", async () => {
    for (const user of [demo.auditor, demo.security]) {
      const c = callerFor(user);
      expect(await codeOf(c.scorecard.workshops.list({ estateId: estateId() }))).toBe("OK");
      expect(await codeOf(c.scorecard.decisions.list({ estateId: estateId() }))).toBe("OK");
      expect(await codeOf(c.scorecard.saveCriterion({ estateId: estateId(), ...licensing, name: "Exit cost" }))).toBe("FORBIDDEN");
      expect(await codeOf(c.scorecard.removeCriterion({ estateId: estateId(), criterionId: "custom-licensing-cost-chf-yr" }))).toBe(
        "FORBIDDEN",
      );
      expect(
        await codeOf(
          c.scorecard.workshops.createSession({
            estateId: estateId(),
            platform: "ove",
            date: "2026-12-04",
            title: "t",
            participants: ["a"],
            vendorAttendees: [],
          }),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          c.scorecard.workshops.recordAnswer(answerForm(estateId(), { sessionId, questionId: "rs-2", answer: "x", criterionIds: [] })),
        ),
      ).toBe("FORBIDDEN");
      expect(
        await codeOf(
          c.scorecard.decisions.create({ estateId: estateId(), chosenPlatform: "ove", rationale: "r", dissent: "", baseVersion: 0 }),
        ),
      ).toBe("FORBIDDEN");
      expect(await codeOf(c.scorecard.decisions.seal({ estateId: estateId(), number: 1 }))).toBe("FORBIDDEN");
    }
  });

  it("non-members get NOT_FOUND for reads, edits and downloads", async () => {
    const other = demo.otherEstate.id;
    const architect = callerFor(demo.architect);
    expect(await codeOf(architect.scorecard.workshops.list({ estateId: other }))).toBe("NOT_FOUND");
    expect(await codeOf(architect.scorecard.decisions.list({ estateId: other }))).toBe("NOT_FOUND");
    expect(await codeOf(architect.scorecard.saveCriterion({ estateId: other, ...licensing }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        architect.scorecard.workshops.recordAnswer(answerForm(other, { sessionId, questionId: "rs-2", answer: "x", criterionIds: [] })),
      ),
    ).toBe("NOT_FOUND");
  });

  it("downloads: decision PDF/CSV/JSON and attachments to members; CSV fully quoted and formula-safe", async () => {
    const cookie = async (user: typeof demo.auditor) => `parity_session=${(await createSession(testPrisma(), user.id)).token}`;
    const get = async (user: typeof demo.auditor, estate: string, query: string) =>
      handleScorecardExport(
        testPrisma(),
        new Request(`http://parity.test/x?${query}`, { headers: { cookie: await cookie(user) } }),
        estate,
      );
    const pdf = await get(demo.auditor, estateId(), "format=decision-pdf&decision=1");
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    const csv = await (await get(demo.auditor, estateId(), "format=decision-csv&decision=1")).text();
    for (const line of csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n"))
      expect(line.startsWith('"')).toBe(true);
    expect(csv).toContain('"Chosen platform","OpenShift Virtualization Engine (OVE)"');
    expect(csv).not.toMatch(/(^|,)"[=+\-@\t\r]/m);
    const json = await get(demo.security, estateId(), "format=decision-json&decision=1");
    const bytes = new Uint8Array(await json.arrayBuffer());
    const { createHash } = await import("node:crypto");
    const [listed] = await callerFor(demo.auditor).scorecard.decisions.list({ estateId: estateId() });
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(listed.sha256);
    expect((await get(demo.architect, demo.otherEstate.id, "format=decision-pdf&decision=1")).status).toBe(404);

    const list = await callerFor(demo.auditor).scorecard.workshops.list({ estateId: estateId() });
    const attachment = list.sessions[0].answers[0].attachments[0];
    const file = await handleWorkshopAttachment(
      testPrisma(),
      new Request("http://parity.test/x", { headers: { cookie: await cookie(demo.auditor) } }),
      estateId(),
      attachment.id,
    );
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="slides.pdf"');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PDF);
  });

  it("removing a custom criterion drops it from the weights too", async () => {
    const architect = callerFor(demo.architect);
    await architect.scorecard.removeCriterion({ estateId: estateId(), criterionId: "custom-licensing-cost-chf-yr" });
    const { scorecard, input } = await architect.scorecard.get({ estateId: estateId() });
    expect(scorecard.criteria.some((c) => c.id === "custom-licensing-cost-chf-yr")).toBe(false);
    expect(input.weights).toEqual({ kind: "direct", weights: { "lock-in": 1 } });
  });
});
