import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";
import { signIn, type DemoRole } from "./session.ts";
import { inject } from "vitest";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("signing in", () => {
  it.each<DemoRole>(["admin", "security_engineer", "auditor", "architect"])("%s signs in and sees the estates dashboard", async (role) => {
    const page = await signIn(browser, role);
    await page.getByTestId("estate-card").first().waitFor();
    expect(await page.getByRole("heading", { name: "Estates" }).isVisible()).toBe(true);
    expect(await page.getByText("Helvetia Private Bank").first().isVisible()).toBe(true);
    // Only admins reach user administration.
    expect(await page.getByRole("link", { name: /Users & access/ }).count()).toBe(role === "admin" ? 1 : 0);
    await screenshot(page, `dashboard-${role}`);
    await page.context().close();
  });

  it("shows an error for a wrong password and stays on the login page", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByLabel("E-mail").fill("auditor@parity.local");
    await page.getByLabel("Password").fill("definitely-wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    // (Next.js' route announcer is also role=alert, hence the filter.)
    const alert = page.getByRole("alert").filter({ hasText: /\S/ });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Wrong e-mail or password");
    await screenshot(page, "login-error");
    await page.context().close();
  });

  it("sends a signed-out visitor to the login page", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${inject("baseUrl")}/`);
    await page.waitForURL(/\/login$/);
    await page.context().close();
  });
});
