/** The Account page: a person sees where they are signed in, ends another session, and sees their sign-ins. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser.ts";
import { signIn } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("account and sessions", () => {
  it("lists this and another session, revokes the other, and shows the sign-in history", async () => {
    const other = await signIn(browser, "architect");
    const page = await signIn(browser, "architect");
    await page.getByRole("link", { name: /Account & sessions/ }).click();
    await page.getByRole("heading", { name: "Active sessions" }).waitFor();
    await page.getByText("this browser").waitFor();
    const revoke = page.getByRole("button", { name: "Revoke" });
    expect(await revoke.count()).toBeGreaterThanOrEqual(1);
    await page.getByRole("button", { name: /Sign out everywhere else/ }).click();
    await expect.poll(() => page.getByRole("button", { name: "Revoke" }).count()).toBe(0);
    expect(await page.getByText("success").first().isVisible()).toBe(true);
    await screenshot(page, "account-sessions");
    // The other browser's session has ended: its next navigation lands on the login page.
    await other.reload();
    await other.waitForURL(/\/login$/);
    await other.context().close();
    await page.context().close();
  });
});
