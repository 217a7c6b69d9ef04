import type { Browser, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/server/demo-accounts.ts";

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]["role"];

export async function signIn(browser: Browser, role: DemoRole): Promise<Page> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${inject("baseUrl")}/login`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${inject("baseUrl")}/`);
  expect(await page.getByTestId("current-user").textContent()).toContain(account.email);
  return page;
}

/** Signs in as `role` and opens the demo estate's platform scorecard, charts drawn. */
export async function openScorecard(browser: Browser, role: DemoRole): Promise<Page> {
  const page = await signIn(browser, role);
  await page
    .getByTestId("estate-card")
    .filter({ hasText: "Helvetia Private Bank" })
    .getByRole("link", { name: "Helvetia Private Bank" })
    .click();
  await page.getByRole("navigation", { name: "Estate sections" }).getByRole("link", { name: "Platform scorecard" }).click();
  await page.getByTestId("results-table").waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="chart-contributions"] svg .recharts-bar-rectangle').first().waitFor();
  return page;
}
