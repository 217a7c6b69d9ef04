/**
 * The three users' journeys in a real browser against `next start` + the job worker: upload the demo estate
 * and read its report, explore the rules, translate, verify, trace a flow, download the bundle; and the
 * auditor's read-only view, including a forged edit request refused by the server.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { demoFiles } from "../../src/scripts/lib/seed-database.ts";
import { launchBrowser, SCREENSHOT_DIR, screenshot } from "./browser.ts";
import { signIn } from "./session.ts";

let browser: Browser;

/** The visible part of a page too (full-page shots of long pages are hard to review at a glance). */
async function shots(page: Page, name: string) {
  await screenshot(page, name);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-viewport.png`) });
}
let estateUrl = "";
const JOB_TIMEOUT = 170_000;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openDemoEstate(page: Page): Promise<string> {
  await page.getByRole("link", { name: "Helvetia Private Bank" }).click();
  await page.waitForURL(/\/estates\/[0-9a-f-]{36}$/);
  return page.url();
}

describe("security engineer journey", () => {
  let page: Page;
  beforeAll(async () => {
    page = await signIn(browser, "security_engineer");
    await page.getByTestId("estate-card").first().waitFor();
    await shots(page, "journey-dashboard");
    estateUrl = await openDemoEstate(page);
    await page.getByRole("heading", { name: "Latest import" }).waitFor();
    await page.getByText("Recent jobs").waitFor();
    await page.getByTestId("latest-import").locator("figure").waitFor();
    await page.locator("section", { hasText: "Recent jobs" }).locator("table").waitFor();
    await shots(page, "journey-overview");
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it("uploads the demo estate with one progress bar and sees its report with detected formats", async () => {
    await page.goto(`${estateUrl}/upload`);
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "parity-e2e-"));
    const paths = demoFiles().map((f) => {
      const file = path.join(dir, f.name);
      fs.writeFileSync(file, f.bytes);
      return file;
    });
    await page.locator("#upload-files").setInputFiles(paths);
    expect(await page.getByText(`${paths.length} files`).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Upload and import" }).click();
    await page.getByRole("progressbar", { name: "Import progress" }).waitFor();
    const report = page.getByTestId("import-report").first();
    await report.waitFor({ timeout: JOB_TIMEOUT });
    expect(await report.textContent()).toContain("nsx-t-hierarchical");
    expect(await page.getByTestId("upload-status").textContent()).toContain("Imported");
    expect(await report.getByText("Unresolved references").count()).toBe(1);
    await shots(page, "journey-upload-report");
  });

  it("explores the rules: filter, search, select a rule and read its groups", async () => {
    await page.goto(`${estateUrl}/rules`);
    await page.getByTestId("rule-row").first().waitFor();
    const countText = await page.getByTestId("rule-count").textContent();
    expect(Number(countText?.replace(/[^\d]/g, ""))).toBeGreaterThanOrEqual(300);
    await page.getByTestId("rules-viewport").evaluate((el) => (el.scrollTop = 4000));
    await page.waitForTimeout(300);
    await page.getByLabel("Search").fill("ebanking");
    await page.waitForFunction(() => /match/.test(document.querySelector('[data-testid="rule-count"]')?.textContent ?? ""));
    await page.getByTestId("rule-row").first().click();
    const detail = page.getByTestId("rule-detail");
    await detail.getByRole("heading", { name: "Groups" }).waitFor();
    await detail.locator(".group-card").first().waitFor();
    await screenshot(page, "journey-rules");
  });

  it("translates, shows objects beside their NSX rules with YAML, and downloads the bundle", async () => {
    await page.goto(`${estateUrl}/translation`);
    await page.getByRole("button", { name: "Translate" }).click();
    await page.getByText("Translation finished").waitFor({ timeout: JOB_TIMEOUT });
    await page.getByTestId("translation-summary").waitFor();
    expect(await page.getByTestId("round-trip").textContent()).toMatch(/equivalent except [\d,]+ accounted differences? \(\d+ findings?\)/);
    await page.getByTestId("object-item").first().waitFor();
    await page.getByTestId("yaml-preview").waitFor();
    expect(await page.getByTestId("yaml-preview").textContent()).toMatch(/apiVersion:/);
    await shots(page, "journey-translation");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("bundle-download").click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const saved = await download.path();
    expect(fs.statSync(saved).size).toBeGreaterThan(1000);
  });

  it("verifies, shows the verdict and a difference (or a traced flow) with both sides' traces", async () => {
    await page.goto(`${estateUrl}/equivalence`);
    await page.getByRole("button", { name: "Verify latest translation" }).click();
    await page.getByText("Verification finished").waitFor({ timeout: JOB_TIMEOUT });
    const verdict = page.getByTestId("verdict");
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(/Equivalent|Not equivalent/);
    const differences = page.getByTestId("differences");
    if ((await differences.count()) > 0) {
      await differences
        .getByRole("button", { name: /Traces|Hide traces/ })
        .first()
        .waitFor();
      const nsxTraces = page.getByTestId("trace-nsx");
      if ((await nsxTraces.count()) === 0) await differences.getByRole("button", { name: "Traces" }).first().click();
      await page.getByTestId("trace-nsx").first().waitFor();
      await page.getByTestId("trace-k8s").first().waitFor();
      // The server sends a window at a time: the next window replaces this one.
      const shownStatus = page.getByText(/^\d+–\d+ of \d+ shown$/);
      const total = Number((await shownStatus.textContent())!.match(/of (\d+)/)![1]);
      if (total > 25) {
        await page.getByRole("button", { name: "Next 25" }).click();
        await page.getByText(new RegExp(`^26–${Math.min(50, total)} of ${total} shown$`)).waitFor();
        await page.getByRole("button", { name: "Previous 25" }).click();
        await page.getByText(new RegExp(`^1–25 of ${total} shown$`)).waitFor();
      }
    }
    await page.getByTestId("heatmap").waitFor();
    await page.getByTestId("rule-lint").waitFor();
    await shots(page, "journey-equivalence");
  });

  it("queries a flow and sees NSX vNIC and Kubernetes egress/ingress decisions", async () => {
    await page.getByLabel("Source (VM name or IP)").fill("hpb-ebk-web-p01");
    await page.getByLabel("Destination (VM name or IP)").fill("hpb-ebk-app-p01");
    await page.getByLabel("Port", { exact: true }).fill("8443");
    await page.getByRole("button", { name: "Trace on both sides" }).click();
    const answer = page.getByTestId("flow-answer");
    await answer.waitFor({ timeout: 60_000 });
    const nsx = await answer.getByTestId("trace-nsx").textContent();
    expect(nsx).toContain("vnic-out:hpb-ebk-web-p01");
    expect(nsx).toContain("vnic-in:hpb-ebk-app-p01");
    const k8s = await answer.getByTestId("trace-k8s").textContent();
    expect(k8s).toMatch(/egress:/);
    expect(k8s).toMatch(/ingress:/);
    await shots(page, "journey-flow-query");
  });
});

describe("auditor journey", () => {
  it("reads every page with no edit control, and a forged edit request is refused", async () => {
    const page = await signIn(browser, "auditor");
    const url = estateUrl || (await openDemoEstate(page));
    await page.goto(`${url}/upload`);
    await page.getByRole("heading", { name: "Import history" }).waitFor();
    expect(await page.getByTestId("dropzone").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Upload and import" }).count()).toBe(0);
    await screenshot(page, "journey-auditor-upload");

    await page.goto(`${url}/translation`);
    await page.getByTestId("mapping-profile").waitFor();
    expect(await page.getByRole("button", { name: "Translate" }).count()).toBe(0);
    expect(await page.getByTestId("mapping-profile").locator("input, textarea, select, button").count()).toBe(0);
    await screenshot(page, "journey-auditor-translation");

    await page.goto(`${url}/equivalence`);
    await page.getByRole("heading", { name: "Can A reach B?" }).waitFor();
    expect(await page.getByRole("button", { name: "Verify latest translation" }).count()).toBe(0);

    await page.goto(`${url}/rules`);
    await page.getByTestId("rule-row").first().waitFor();
    await screenshot(page, "journey-auditor-rules");

    // The forged request: the auditor's own cookie and CSRF token, straight to a mutation.
    const base = inject("baseUrl");
    const me = await page.request.get(`${base}/api/trpc/auth.me`);
    const csrfToken = (await me.json()).result.data.json.csrfToken as string;
    expect(csrfToken.length).toBeGreaterThan(10);
    const estateId = url.split("/").pop()!;
    const forged = await page.request.post(`${base}/api/trpc/translations.run`, {
      headers: { "content-type": "application/json", "x-parity-csrf": csrfToken },
      data: { json: { estateId, api: "v1alpha1" } },
    });
    expect(forged.status()).toBe(403);
    const profile = await page.request.post(`${base}/api/trpc/translations.saveProfile`, {
      headers: { "content-type": "application/json", "x-parity-csrf": csrfToken },
      data: { json: { estateId, profile: {}, baseVersion: 0 } },
    });
    expect(profile.status()).toBe(403);
    await page.context().close();
  });
});
