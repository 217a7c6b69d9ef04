/**
 * Audit snapshots in the browser: a security engineer seals one (after seeing what will be frozen) and may not
 * approve it; an auditor, who gets no create control, approves it (change reference, reason) and verifies the stored bundle.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient } from "../../src/server/db.ts";
import { DEMO_ESTATE } from "../../src/server/services/seed.ts";
import { launchBrowser, screenshot } from "./browser.ts";
import { signIn } from "./session.ts";

let browser: Browser;
let estateId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const prisma = createPrismaClient(inject("e2eDatabaseUrl"));
  try {
    estateId = (await prisma.estate.findUniqueOrThrow({ where: { slug: DEMO_ESTATE.slug } })).id;
  } finally {
    await prisma.$disconnect();
  }
});
afterAll(async () => {
  await browser?.close();
});

async function openSnapshots(page: Page) {
  await page.goto(`${inject("baseUrl")}/estates/${estateId}/snapshots`);
  await page.getByRole("heading", { name: "Audit snapshots" }).waitFor();
  await page.getByTestId("key-fingerprint").waitFor();
}

describe("audit snapshots", () => {
  let sequence = 0;

  it("a security engineer sees what will be frozen, seals a snapshot, and cannot approve it", async () => {
    const page = await signIn(browser, "security_engineer");
    await openSnapshots(page);
    await page.getByRole("button", { name: "Create snapshot…" }).click();
    const preview = page.getByTestId("snapshot-preview");
    const seal = preview.getByRole("button", { name: /Seal and sign snapshot #\d+/ });
    await seal.waitFor({ timeout: 60_000 });
    expect(await preview.textContent()).toMatch(/not provided/);
    expect(await preview.textContent()).toMatch(/Normalised policy/);
    sequence = Number(/#(\d+)/.exec((await seal.textContent()) ?? "")?.[1]);
    await screenshot(page, "snapshots-create-preview");
    await seal.click();
    await page.getByText(`Snapshot #${sequence} sealed and signed`).waitFor({ timeout: 120_000 });
    await page.getByTestId(`snapshot-row-${sequence}`).waitFor();
    expect(await page.getByTestId("chain-status").textContent()).toContain("Chain intact");
    await page.getByRole("button", { name: `Open snapshot #${sequence}` }).click();
    await page.getByTestId("creator-cannot-approve").waitFor();
    expect(await page.getByRole("button", { name: `Approve snapshot #${sequence}` }).count()).toBe(0);
    await screenshot(page, "snapshots-created-by-security");
    await page.context().close();
  });

  it("an auditor has no create control, approves the snapshot and verifies its stored bundle", async () => {
    expect(sequence).toBeGreaterThan(0);
    const page = await signIn(browser, "auditor");
    await openSnapshots(page);
    await page.getByTestId(`snapshot-row-${sequence}`).waitFor();
    expect(await page.getByRole("button", { name: "Create snapshot…" }).count()).toBe(0);
    await page.getByRole("button", { name: `Open snapshot #${sequence}` }).click();
    await page.getByLabel("Change or ticket reference").fill("CHG-1042");
    await page.getByLabel("Reason").fill("Reviewed with the change board; differences accepted");
    await page.getByRole("button", { name: `Approve snapshot #${sequence}` }).click();
    await page.getByTestId("approval-list").getByText("auditor@parity.local").waitFor({ timeout: 30_000 });
    const record = await page.getByTestId("approval-list").textContent();
    expect(record).toContain("approved");
    expect(record).toContain("(auditor@parity.local, auditor)");
    expect(record).toContain("change CHG-1042");
    expect(record).not.toContain("INVALID");
    expect(await page.getByTestId("approval-policy").textContent()).toMatch(/approved: 1 of 1 required approval/);
    await page.getByRole("button", { name: `Verify stored bundle #${sequence}` }).click();
    const result = page.getByTestId("verification-result");
    await result.waitFor({ timeout: 60_000 });
    const text = (await result.textContent()) ?? "";
    expect(text).toContain("OK");
    expect(text).not.toContain("FAIL");
    expect(text).toContain("merkle root");
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, "snapshots-approved-and-verified-by-auditor");
    await page.context().close();
  });
});
