/**
 * Acceptance (issue #8): an architect changes a weight and sees totals, ranks and charts update at once
 * (computed in the browser), then saves it as a new version; an auditor sees the same scorecard read-only.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";
import { openScorecard } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? "").trim();
const svgOf = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] svg.recharts-surface`).first().innerHTML();

describe("platform scorecard", () => {
  it("an architect changes a weight and sees totals, ranks and charts update, then saves a new version", async () => {
    const page = await openScorecard(browser, "architect");
    // Equal weights on the demo estate: NSX leads, Azure Local is excluded (NSG capacity knock-out).
    expect(await text(page, "rank-vmware-nsx")).toBe("1");
    expect(await text(page, "rank-azure-local")).toMatch(/excluded/);
    expect(await page.getByTestId("result-azure-local").textContent()).toMatch(/NSG rules; one NSG holds/);
    expect(await page.getByTestId("azure-flattening").textContent()).toMatch(/4096/);

    const before = {
      nsx: await text(page, "total-vmware-nsx"),
      ove: await text(page, "total-ove"),
      bars: await svgOf(page, "chart-contributions"),
      monteCarlo: await svgOf(page, "chart-monte-carlo"),
      tornado: await svgOf(page, "chart-tornado"),
      weight: await text(page, "weight-normalised-lock-in"),
    };

    // Lock-in weighs 200 against ≈ 5.9 for every other criterion.
    const lockInWeight = await page.getByTestId("weight-input-lock-in").inputValue();
    await page.getByTestId("weight-input-lock-in").fill("200");
    await page.getByTestId("unsaved-banner").waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="rank-ove"]')?.textContent?.trim() === "1");

    expect(await text(page, "total-vmware-nsx")).not.toBe(before.nsx);
    expect(await text(page, "total-ove")).not.toBe(before.ove);
    expect(await text(page, "rank-vmware-nsx")).toBe("2");
    expect(await text(page, "weight-normalised-lock-in")).not.toBe(before.weight);
    expect(Number.parseFloat(await text(page, "weight-normalised-lock-in"))).toBeGreaterThan(60);
    expect(await svgOf(page, "chart-contributions")).not.toBe(before.bars);
    expect(await svgOf(page, "chart-monte-carlo")).not.toBe(before.monteCarlo);
    expect(await svgOf(page, "chart-tornado")).not.toBe(before.tornado);
    await screenshot(page, "scorecard-architect-preview");

    await page.getByRole("button", { name: "Save weights as new version" }).click();
    await page.getByTestId("unsaved-banner").waitFor({ state: "detached" });
    await page.waitForFunction(() =>
      /Version 1 saved by/.test(document.querySelector('[data-testid="version-banner"]')?.textContent ?? ""),
    );
    expect(await page.getByTestId("version-banner").textContent()).toContain("Ari Architect");
    expect(await text(page, "rank-ove")).toBe("1");
    expect(await page.getByTestId("version-history").textContent()).toMatch(/Ari Architect/);
    await screenshot(page, "scorecard-architect-saved");

    // A score edit with rationale and evidence becomes version 2, with the cell's history.
    await page.getByTestId("score-ebpf-vmware-nsx").click();
    await page.getByLabel("Score (0–5)", { exact: true }).fill("1");
    await page.getByLabel("Evidence", { exact: true }).selectOption("tested");
    await page.getByLabel("Rationale and evidence").fill("PoC: NSX 4.2 offers no eBPF datapath for VMs");
    await page.getByRole("button", { name: "Save as new version" }).click();
    await page.waitForFunction(() =>
      /Version 2 saved by/.test(document.querySelector('[data-testid="version-banner"]')?.textContent ?? ""),
    );
    await page.getByTestId("score-detail").getByText("PoC: NSX 4.2 offers no eBPF datapath for VMs").first().waitFor();

    // Lock-in back to its weight, saved as version 3: the workshop and decision journey starts from NSX leading.
    await page.getByTestId("weight-input-lock-in").fill(lockInWeight);
    await page.getByTestId("unsaved-banner").waitFor();
    await page.getByRole("button", { name: "Save weights as new version" }).click();
    await page.getByTestId("unsaved-banner").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector('[data-testid="rank-vmware-nsx"]')?.textContent?.trim() === "1");
    await page.context().close();
  });

  it("the AHP editor shows each consistency ratio and refuses CR ≥ 0.10", async () => {
    const page = await openScorecard(browser, "architect");
    await page.getByRole("tab", { name: "AHP pairwise" }).click();
    const judge = (a: string, b: string, value: string) => page.getByLabel(`${a} compared with ${b}`, { exact: true }).selectOption(value);
    // Circular: security policy ≫ network ≫ operations ≫ security policy.
    await judge("Security policy", "Network", "9");
    await judge("Network", "Operations", "9");
    await judge("Security policy", "Operations", "1/9");
    await page.getByTestId("ahp-refused").waitFor();
    expect(await page.getByTestId("ahp-cr-groups").textContent()).toMatch(/≥ 0\.10: inconsistent/);
    expect(await page.getByRole("button", { name: "Use AHP weights" }).isDisabled()).toBe(true);
    await screenshot(page, "scorecard-ahp-refused");
    // Consistent judgements (security policy 2× network 2× operations, so 4× operations) are accepted.
    await judge("Security policy", "Operations", "4");
    await judge("Network", "Operations", "2");
    await judge("Security policy", "Network", "2");
    await page.getByTestId("ahp-refused").waitFor({ state: "detached" });
    expect(await page.getByTestId("ahp-cr-groups").textContent()).toMatch(/< 0\.10/);
    await page.getByRole("button", { name: "Use AHP weights" }).click();
    await page.getByTestId("unsaved-banner").waitFor();
    await page.waitForFunction(() =>
      /Weights: ahp-hierarchical/.test(document.querySelector('[data-testid="version-banner"]')?.textContent ?? ""),
    );
    await page.context().close();
  });

  it("an auditor sees the scorecard read-only: no edit controls", async () => {
    const page = await openScorecard(browser, "auditor");
    expect(await page.getByTestId("version-banner").textContent()).toMatch(/You can read this scorecard/);
    expect(await page.locator('input[type="range"], input[type="number"]').count()).toBe(0);
    await page.getByTestId("score-ebpf-ove").click();
    await page.getByTestId("score-detail").waitFor();
    expect(await page.getByRole("form", { name: "Change this score" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /Save/ }).count()).toBe(0);
    await page.getByRole("tab", { name: "AHP pairwise" }).click();
    await page.getByTestId("ahp-editor").waitFor();
    expect(await page.locator('[data-testid="ahp-editor"] select').count()).toBe(0);
    await screenshot(page, "scorecard-auditor");
    await page.context().close();
  });
});
