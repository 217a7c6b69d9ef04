import { beforeAll, describe, expect, it } from "vitest";
import { JOB_HANDLERS } from "../../src/server/jobs/handlers.ts";
import { runJob } from "../../src/server/jobs/run-job.ts";
import { createImportJob } from "../../src/server/services/imports.ts";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { callerFor, seeded, testPrisma } from "./helpers.ts";

let demo: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
  demo = await seeded();
  if ((await testPrisma().estateImport.count({ where: { estateId: demo.demoEstate.id } })) === 0) {
    const jobId = await createImportJob(testPrisma(), { estateId: demo.demoEstate.id, createdBy: demo.security.id, files: demoFiles() });
    await runJob(testPrisma(), jobId, JOB_HANDLERS);
  }
});

describe("rules explorer API", () => {
  it("pages every rule in evaluation order with groups, services and Applied-To rendered", async () => {
    const auditor = callerFor(demo.auditor);
    const first = await auditor.rules.page({ estateId: demo.demoEstate.id, offset: 0, limit: 50 });
    expect(first.total).toBeGreaterThanOrEqual(300);
    expect(first.rows).toHaveLength(50);
    expect(first.rows.map((r) => r.position)).toEqual([...Array(50).keys()]);
    const order = ["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"];
    const all = await auditor.rules.page({ estateId: demo.demoEstate.id, offset: 0, limit: 500 });
    const categories = all.rows.map((r) => order.indexOf(r.category));
    expect([...categories].sort((a, b) => a - b)).toEqual(categories);
    const withService = all.rows.find((r) => r.services.some((s) => s.kind === "service" && /TCP \d+/.test(s.detail ?? "")));
    expect(withService).toBeDefined();
    const tail = await auditor.rules.page({ estateId: demo.demoEstate.id, offset: first.total - 5, limit: 50 });
    expect(tail.rows).toHaveLength(5);
  });

  it("filters by category, action and search terms server-side", async () => {
    const security = callerFor(demo.security);
    const drops = await security.rules.page({
      estateId: demo.demoEstate.id,
      offset: 0,
      limit: 500,
      actions: ["DROP", "REJECT"],
      categories: ["Environment", "Application"],
    });
    expect(drops.total).toBeGreaterThan(0);
    expect(drops.rows.every((r) => ["DROP", "REJECT"].includes(r.action) && ["Environment", "Application"].includes(r.category))).toBe(
      true,
    );
    const anyRule = drops.rows[0];
    const byId = await security.rules.page({ estateId: demo.demoEstate.id, offset: 0, limit: 10, search: anyRule.id });
    expect(byId.rows.some((r) => r.id === anyRule.id)).toBe(true);
    const none = await security.rules.page({ estateId: demo.demoEstate.id, offset: 0, limit: 10, search: "no-such-rule-anywhere-xyz" });
    expect(none.total).toBe(0);
  });

  it("details a rule with its groups' expressions in words and resolved members", async () => {
    const auditor = callerFor(demo.auditor);
    const page = await auditor.rules.page({ estateId: demo.demoEstate.id, offset: 0, limit: 500, search: "ebanking" });
    const rule = page.rows.find((r) => r.sources.some((s) => s.kind === "group") || r.destinations.some((s) => s.kind === "group"))!;
    const detail = await auditor.rules.detail({ estateId: demo.demoEstate.id, importId: page.importId!, position: rule.position });
    expect(detail.rule.id).toBe(rule.id);
    expect(detail.groups.length).toBeGreaterThan(0);
    expect(detail.groups.some((g) => /Tag|Members|IP/.test(g.expression))).toBe(true);
    expect(detail.groups.some((g) => g.memberCount > 0 && g.members.length > 0)).toBe(true);
  });

  it("summarises rules by category and action", async () => {
    const summary = await callerFor(demo.architect).rules.summary({ estateId: demo.demoEstate.id });
    expect(summary).not.toBeNull();
    const total = summary!.byCategory.reduce((n, c) => n + c.ALLOW + c.DROP + c.REJECT + c.JUMP_TO_APPLICATION + c.disabled, 0);
    // By category as NSX Manager lists them: the explorer's evaluated rules plus the default layer-3 rule.
    expect(total).toBe(summary!.rules + 1);
    expect(summary!.applications.length).toBeGreaterThan(3);
  });

  it("hides another estate's rules from non-members (NOT_FOUND) and requires a session", async () => {
    await expect(callerFor(demo.security).rules.page({ estateId: demo.otherEstate.id, offset: 0, limit: 10 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(null).rules.summary({ estateId: demo.demoEstate.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("estates dashboard data", () => {
  it("lists each estate with its rules by category and action, and translation/verification status", async () => {
    const estates = await callerFor(demo.auditor).estates.list();
    const estate = estates.find((e) => e.id === demo.demoEstate.id)!;
    expect(estate.latestImport?.version).toBeGreaterThanOrEqual(1);
    expect(estate.rulesByCategory?.map((c) => c.category)).toEqual([
      "Ethernet",
      "Emergency",
      "Infrastructure",
      "Environment",
      "Application",
    ]);
    const total = estate.rulesByCategory!.reduce((n, c) => n + c.ALLOW + c.DROP + c.REJECT + c.JUMP_TO_APPLICATION + c.disabled, 0);
    expect(total).toBe((estate.latestImport!.counts as Record<string, number>).rules);
    expect(estate.applicationCount).toBeGreaterThan(3);
    expect(typeof estate.snapshotCount).toBe("number");
    // The auditor is not a member of the other estate: it is not listed at all.
    expect(estates.some((e) => e.id === demo.otherEstate.id)).toBe(false);
  });
});
