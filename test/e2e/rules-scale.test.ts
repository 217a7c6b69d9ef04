/**
 * The rules explorer with a 30,000-rule estate: the DOM holds only the rows in view, any window (even the
 * last rule) appears promptly, and scrolling keeps frames short. Frame times are printed for the record.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { estateCounts } from "../../src/ingest/import-estate.ts";
import { syntheticEstate } from "../../src/policy/bench/synthetic-estate.ts";
import { createPrismaClient, type PrismaClient } from "../../src/server/db.ts";
import { ensureRuleReadModel } from "../../src/server/services/rules.ts";
import { launchBrowser, screenshot } from "./browser.ts";
import { signIn } from "./session.ts";

const RULES = 30_000;
let browser: Browser;
let prisma: PrismaClient;
let estateId = "";

beforeAll(async () => {
  prisma = createPrismaClient(inject("e2eDatabaseUrl"));
  const { estate } = syntheticEstate({ seed: 11, rules: RULES, vms: 2000 });
  const users = await prisma.user.findMany({ select: { id: true } });
  const created = await prisma.estate.upsert({
    where: { slug: "scale-30k" },
    update: {},
    create: {
      slug: "scale-30k",
      name: "Synthetic 30,000 rules",
      description: "src/policy/bench synthetic estate",
      memberships: { create: users.map((u) => ({ userId: u.id })) },
    },
  });
  estateId = created.id;
  if ((await prisma.estateImport.count({ where: { estateId } })) === 0) {
    const counts = estateCounts(estate);
    const row = await prisma.estateImport.create({
      data: {
        estateId,
        version: 1,
        counts: counts as object,
        report: {
          counts,
          unresolved: [],
          warnings: [],
          errors: [],
          files: [],
          builtInServicesUsed: [],
          defaultAction: estate.defaultAction,
        } as object,
        estate: estate as object,
      },
    });
    await ensureRuleReadModel(prisma, row.id, estate);
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await prisma?.$disconnect();
});

describe("rules explorer at scale", () => {
  it("scrolls 30,000 rules with a bounded DOM and reaches the last rule", async () => {
    const page = await signIn(browser, "auditor");
    await page.goto(`${inject("baseUrl")}/estates/${estateId}/rules`);
    await page.getByTestId("rule-row").first().waitFor();
    expect(await page.getByTestId("rule-count").textContent()).toContain("30,000 rules");
    expect(await page.getByTestId("rule-row").count()).toBeLessThan(60);

    // Scroll through the list in steps, one step per animation frame, and record frame times.
    const frames = await page.getByTestId("rules-viewport").evaluate(async (el) => {
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 90; i++) {
        el.scrollTop += 12_000;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        times.push(now - last);
        last = now;
      }
      return times.sort((a, b) => a - b);
    });
    const p95 = frames[Math.ceil(frames.length * 0.95) - 1];
    console.log(
      `rules explorer, 30,000 rules: frame time p50 ${frames[Math.floor(frames.length / 2)].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${frames.length} scroll steps`,
    );
    expect(await page.getByTestId("rule-row").count()).toBeLessThan(60);

    // Keyboard focus survives scrolling its row out of view: the focused row stays mounted, and the arrow
    // keys carry on from it (scrolling it back into view).
    await page.getByTestId("rules-viewport").evaluate((el) => (el.scrollTop = 0));
    await page.locator('[data-index="3"]').click();
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-index") === "4");
    await page.getByTestId("rules-viewport").evaluate((el) => (el.scrollTop = 600_000));
    await page.locator('[data-index="13043"]').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-index"))).toBe("4");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction(() => document.activeElement?.getAttribute("data-index") === "5");
    expect(await page.getByTestId("rules-viewport").evaluate((el) => el.scrollTop)).toBeLessThan(1_000);
    expect(await page.getByTestId("rule-row").count()).toBeLessThan(62);

    await page.getByTestId("rules-viewport").evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = page.locator(`[data-index="${RULES - 1}"] .c-pos`);
    await last.waitFor({ timeout: 10_000 });
    expect(await last.textContent()).toBe(String(RULES));
    await page.locator(`[data-index="${RULES - 1}"]`).click();
    await page.getByTestId("rule-detail").getByRole("heading", { name: "Sources" }).waitFor();
    await screenshot(page, "rules-30k");
    await page.context().close();
  });
});
