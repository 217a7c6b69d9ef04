/**
 * Acceptance (issue #14): the first run shows the product — the demo estate has a verdict and an approved
 * snapshot before anyone clicks anything; an administrator creates an estate, renames it and adds members
 * in the browser; the new member signs in with the one-time password and must choose their own first.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../src/server/db.ts";
import { DEMO_ESTATE, UPLOAD_ESTATE } from "../../src/server/services/seed.ts";
import { launchBrowser, screenshot } from "./browser.ts";
import { signIn } from "./session.ts";

let browser: Browser;
let demoEstateId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const prisma = createPrismaClient(inject("e2eDatabaseUrl"));
  try {
    demoEstateId = (await prisma.estate.findUniqueOrThrow({ where: { slug: DEMO_ESTATE.slug } })).id;
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
});

describe("the first run shows the product", () => {
  it("the demo estate shows a verdict and a snapshot approved by the auditor, with no click", async () => {
    const page = await signIn(browser, "security_engineer");
    const card = page.getByTestId("estate-card").filter({ hasText: DEMO_ESTATE.name });
    await card.waitFor();
    expect(await card.textContent()).not.toMatch(/not verified/i);
    expect(await page.getByTestId("estate-card").filter({ hasText: UPLOAD_ESTATE.name }).textContent()).toMatch(/not verified/i);

    await page.goto(`${inject("baseUrl")}/estates/${demoEstateId}/equivalence`);
    const verdict = page.getByTestId("verdict");
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/equivalent/i);

    await page.goto(`${inject("baseUrl")}/estates/${demoEstateId}/translation`);
    await page.getByTestId("translation-summary").waitFor({ timeout: 30_000 });

    await page.goto(`${inject("baseUrl")}/estates/${demoEstateId}/snapshots`);
    const first = page.getByTestId("snapshot-row-1");
    await first.waitFor({ timeout: 30_000 });
    expect(await first.textContent()).toMatch(/approved \(1\/1\)/);
    expect(await page.getByTestId("chain-status").textContent()).toContain("Chain intact");
    await screenshot(page, "first-run-demo-snapshot-approved");
    await page.context().close();
  });
});

describe("estates in the browser", () => {
  const stamp = Date.now().toString(36);
  const estateName = `Bank Zürich ${stamp}`;
  const newEmail = `new.member.${stamp}@bank.ch`;
  let oneTimePassword = "";

  it("an administrator creates an estate, renames it and adds an existing and a new member", async () => {
    const page = await signIn(browser, "admin");
    await page.getByRole("link", { name: "Manage estates" }).click();
    await page.getByRole("heading", { name: "Manage estates" }).waitFor();
    await page.locator("#estate-name").fill(estateName);
    expect(await page.locator("#estate-slug").inputValue()).toBe(`bank-zurich-${stamp}`);
    await page.locator("#estate-description").fill("Created in the browser by the e2e test");
    await page.getByRole("button", { name: "Create estate" }).click();

    const card = page.getByTestId("estate-admin").filter({ hasText: estateName });
    await card.waitFor();
    await card.getByRole("button", { name: `Rename ${estateName}` }).click();
    await card.getByLabel("New name").fill(`${estateName} AG`);
    await card.getByRole("button", { name: "Save name" }).click();
    const renamed = page.getByTestId("estate-admin").filter({ hasText: `${estateName} AG` });
    await renamed.getByRole("link", { name: `${estateName} AG` }).waitFor();

    await renamed.getByLabel("Add someone with an account").selectOption({ label: "Alex Auditor (auditor@parity.local, Auditor)" });
    await renamed.getByRole("button", { name: "Add member" }).click();
    await renamed.getByTestId("estate-members").getByText("auditor@parity.local").waitFor();

    await renamed.getByText(`Add a new person to ${estateName} AG`).click();
    await renamed.getByLabel("E-mail").fill(newEmail);
    await renamed.getByLabel("Name", { exact: true }).fill("Nina Neu");
    await renamed.getByLabel("Role", { exact: true }).selectOption("security_engineer");
    await renamed.getByRole("button", { name: "Add person" }).click();
    const secret = renamed.getByTestId("one-time-password-value");
    await secret.waitFor();
    oneTimePassword = ((await secret.textContent()) ?? "").trim();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const members = renamed.getByTestId("estate-members");
    await members.getByRole("cell", { name: new RegExp(newEmail.replace(/\./g, "\\.")) }).waitFor();
    expect(await members.textContent()).toContain("one-time password");
    await screenshot(page, "estates-admin-member-added");
    await page.context().close();
  });

  it("the new member signs in with the one-time password and must choose a new one first", async () => {
    expect(oneTimePassword).not.toBe("");
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page: Page = await context.newPage();
    await page.goto(`${inject("baseUrl")}/login`);
    await page.getByLabel("E-mail").fill(newEmail);
    await page.getByLabel("Password").fill(oneTimePassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/change-password$/);
    // Nothing else opens until the password is changed.
    await page.goto(`${inject("baseUrl")}/`);
    await page.waitForURL(/\/change-password$/);
    await page.getByLabel("One-time password").fill(oneTimePassword);
    await page.getByLabel("New password", { exact: true }).fill("nina chooses a long passphrase");
    await page.getByLabel("Repeat the new password").fill("nina chooses another passphrase");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.getByText("The two new passwords differ").waitFor();
    await page.getByLabel("New password", { exact: true }).fill("nina chooses a long passphrase");
    await page.getByLabel("Repeat the new password").fill("nina chooses a long passphrase");
    await screenshot(page, "change-password-forced");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.waitForURL(`${inject("baseUrl")}/`);
    expect(await page.getByTestId("current-user").textContent()).toContain(newEmail);
    await page
      .getByTestId("estate-card")
      .filter({ hasText: `${estateName} AG` })
      .waitFor();
    await context.close();
  });

  it("an archived estate disappears from the list and opens read-only", async () => {
    const page = await signIn(browser, "admin");
    await page.goto(`${inject("baseUrl")}/admin/estates`);
    const card = page.getByTestId("estate-admin").filter({ hasText: `${estateName} AG` });
    page.once("dialog", (dialog) => void dialog.accept());
    await card.getByRole("button", { name: `Archive ${estateName} AG` }).click();
    await card.waitFor({ state: "detached" });
    await page.goto(`${inject("baseUrl")}/`);
    await page.getByTestId("estate-card").first().waitFor();
    expect(
      await page
        .getByTestId("estate-card")
        .filter({ hasText: `${estateName} AG` })
        .count(),
    ).toBe(0);
    await page.getByLabel("Show archived").check();
    await page
      .getByTestId("estate-card")
      .filter({ hasText: `${estateName} AG` })
      .getByRole("link", { name: `${estateName} AG` })
      .click();
    await page.getByTestId("estate-archived").waitFor();
    await page.getByRole("navigation", { name: "Estate sections" }).getByRole("link", { name: "Upload" }).click();
    await page.getByTestId("estate-archived").waitFor();
    expect(await page.getByRole("button", { name: "Upload and import" }).count()).toBe(0);
    await page.context().close();
  });
});
