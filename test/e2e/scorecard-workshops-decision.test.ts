/**
 * Acceptance (issue #16): an architect adds a "Licensing cost (CHF/yr)" criterion with values for the four
 * platforms, records a vendor-workshop answer with an attachment, cites it from a score and freezes (and
 * seals) a decision; totals, ranks, charts, the explanation and the exported PDFs change accordingly. The
 * auditor sees all of it without edit controls, and the server refuses the auditor's forged edits.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, SCREENSHOT_DIR } from "./browser.ts";
import { openScorecard } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();
const svgOf = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] svg.recharts-surface`).first().innerHTML();
const PLATFORMS = ["vmware-nsx", "ove", "azure-local", "swisscom-esc"] as const;
const snapshotOf = async (page: Page) => ({
  totals: await Promise.all(PLATFORMS.map((p) => text(page, `total-${p}`))),
  ranks: await Promise.all(PLATFORMS.map((p) => text(page, `rank-${p}`))),
  lead: await text(page, "explanation-lead"),
  flip: await text(page, "explanation-flip"),
  bars: await svgOf(page, "chart-contributions"),
  radar: await svgOf(page, "chart-radar").catch(() => ""),
});
const waitForBanner = (page: Page, pattern: string) =>
  page.waitForFunction((p) => new RegExp(p).test(document.querySelector('[data-testid="version-banner"]')?.textContent ?? ""), pattern);

/** A real one-page PDF (the server types attachments by their magic bytes). */
const SLIDES_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function pdfText(bytes: Buffer, name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  // Page 1 as an image beside the screenshots, to look at.
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", file, path.join(SCREENSHOT_DIR, name)]);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString("utf8");
}

describe("scorecard: own criteria, workshop evidence, decision record", () => {
  it("an architect adds a criterion, records and cites a workshop answer, and freezes and seals a decision", async () => {
    const page = await openScorecard(browser, "architect");
    const base = inject("baseUrl");
    const before = await snapshotOf(page);
    const scorecardPdfBefore = pdfText(
      Buffer.from(
        await (await page.request.get(`${base}${await page.getByRole("link", { name: "Export PDF" }).getAttribute("href")}`)).body(),
      ),
      "decision-e2e-scorecard-before",
    );
    expect(scorecardPdfBefore).not.toContain("Licensing cost");

    // 1. The criterion, with the four values and their sources.
    await page.getByRole("button", { name: "Add a criterion" }).click();
    const form = page.getByRole("form", { name: "Custom criterion" });
    await form.getByLabel("Name").fill("Licensing cost (CHF/yr)");
    await form.getByLabel("Description").fill("Licences and subscriptions per year for the whole estate, from the vendors' offers.");
    await form.getByLabel("Direction").selectOption("lower-is-better");
    await form.getByLabel("Unit", { exact: true }).selectOption("number");
    await form.getByLabel("Unit label").fill("CHF/yr");
    const values = { NSX: "420000", OVE: "180000", "Azure Local": "240000", ESC: "300000" };
    for (const [p, v] of Object.entries(values)) {
      await form.getByLabel(`Value for ${p}`, { exact: true }).fill(v);
      await form.getByLabel(`Source for ${p}`, { exact: true }).fill(`Offer ${p} 2026-11`);
    }
    await form.getByRole("button", { name: "Save criterion as new version" }).click();
    await waitForBanner(page, "added custom criterion");
    const rule = await text(page, "custom-rule-custom-licensing-cost-chf-yr");
    expect(rule).toBe(
      "Min–max normalised to 0–5, lower is better: score = 5 × (max − value) / (max − min), with min = 180,000 CHF/yr and max = 420,000 CHF/yr across the four platforms.",
    );
    expect(await text(page, "score-custom-licensing-cost-chf-yr-ove")).toMatch(/^5/);
    expect(await text(page, "score-custom-licensing-cost-chf-yr-vmware-nsx")).toMatch(/^0/);

    // Weighted directly like any criterion: licensing matters most to this bank.
    await page.getByTestId("weight-input-custom-licensing-cost-chf-yr").fill("400");
    await page.getByTestId("unsaved-banner").waitFor();
    await page.getByRole("button", { name: "Save weights as new version" }).click();
    await page.getByTestId("unsaved-banner").waitFor({ state: "detached" });
    await page.waitForFunction(() => document.querySelector('[data-testid="rank-ove"]')?.textContent?.trim() === "1");
    const after = await snapshotOf(page);
    expect(after.totals).not.toEqual(before.totals);
    expect(after.ranks).not.toEqual(before.ranks);
    expect(after.bars).not.toBe(before.bars);
    expect(after.lead).not.toBe(before.lead);
    expect(after.lead).toMatch(/^OpenShift Virtualization Engine \(OVE\) leads .* Licensing cost \(CHF\/yr\) \(\+/);
    expect(after.flip).toMatch(/is the smallest single change that brings .* level with OpenShift Virtualization Engine/);
    await screenshot(page, "decision-e2e-criterion-weighted");

    // 2. A workshop with OVE and the vendor's answer to rs-1, with the slides attached.
    const workshops = page.getByRole("region", { name: "Vendor workshops" });
    await workshops.getByRole("tab", { name: /^OVE/ }).click();
    const sessionForm = workshops.getByRole("form", { name: "New workshop session" });
    await sessionForm.getByLabel("Title").fill("OVE networking deep dive");
    await sessionForm.getByLabel("Date").fill("2026-12-03");
    await sessionForm.getByLabel("Participants").fill("Ari Architect, Sam Secops");
    await sessionForm.getByLabel("Vendor attendees").fill("Red Hat solution architect");
    await sessionForm.getByRole("button", { name: "Record session" }).click();
    const session = workshops.getByRole("region", { name: "Workshop OVE networking deep dive" });
    await session.waitFor();
    const answerForm = session.getByRole("form", { name: "Record an answer" });
    await answerForm.getByLabel("Question").selectOption("rs-1");
    await answerForm
      .getByLabel("Vendor's answer")
      .fill("Categories map to ANP priority bands; the default rule to a BANP; 3–6 months for 3,200 rules.");
    await answerForm.getByLabel("Informs the criteria").selectOption(["policy-management", "custom-licensing-cost-chf-yr"]);
    await answerForm.getByLabel(/Attachments/).setInputFiles({ name: "ove-slides.pdf", mimeType: "application/pdf", buffer: SLIDES_PDF });
    await answerForm.getByRole("button", { name: "Record answer" }).click();
    await session.getByTestId("workshop-attachment").waitFor();
    expect(await session.getByTestId("workshop-attachment").textContent()).toBe("ove-slides.pdf");
    const attachmentHref = await session.getByTestId("workshop-attachment").getAttribute("href");
    const attachment = await page.request.get(`${base}${attachmentHref}`);
    expect(attachment.status()).toBe(200);
    expect(Buffer.from(await attachment.body()).equals(SLIDES_PDF)).toBe(true);

    // 3. A score cites the answer as its evidence.
    await page.getByTestId("score-policy-management-ove").click();
    const detail = page.getByTestId("score-detail");
    await detail.getByTestId("linked-answers").waitFor();
    await detail.getByLabel("Score (0–5)", { exact: true }).fill("5");
    await detail.getByLabel("Evidence", { exact: true }).selectOption("vendor-claim");
    await detail
      .getByLabel("Cites workshop answer")
      .selectOption({ label: "2026-12-03 OVE networking deep dive: rs-1 NSX DFW Rule Migration Strategy" });
    await detail.getByLabel("Rationale and evidence").fill("Demonstrated GitOps policy workflow in the workshop");
    await detail.getByRole("button", { name: "Save as new version" }).click();
    await waitForBanner(page, "cites a workshop answer");
    await page
      .getByTestId("score-detail")
      .getByText("Workshop OVE, 2026-12-03 (OVE networking deep dive)", { exact: false })
      .first()
      .waitFor();

    // 4. The decision, frozen and sealed in the audit chain.
    const decision = page.getByRole("region", { name: "Decision record" });
    await decision.getByLabel("Chosen platform").selectOption("ove");
    await decision.getByLabel("Rationale").fill("Lowest licensing cost and an open exit path; ANP maturity confirmed in the workshop.");
    await decision.getByLabel(/^Dissent/).fill("Sam Secops: keep NSX until AdminNetworkPolicy is GA.");
    await decision.getByRole("button", { name: "Freeze as decision" }).click();
    const card = decision.getByTestId("decision").first();
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Decision #\d+: OpenShift Virtualization Engine \(OVE\)/);
    await card.getByRole("button", { name: "Seal in the audit chain" }).click();
    await card.getByText(/Sealed in audit snapshot #\d+/).waitFor({ timeout: 120_000 });
    await screenshot(page, "decision-e2e-architect");

    // 5. The exports say so.
    const decisionPdf = pdfText(
      Buffer.from(await (await page.request.get(`${base}${await card.getByTestId("decision-pdf").getAttribute("href")}`)).body()),
      "decision-e2e-decision",
    );
    expect(decisionPdf).toContain("Chosen platform: OpenShift Virtualization Engine (OVE)");
    expect(decisionPdf).toContain("Lowest licensing cost and an open exit path");
    expect(decisionPdf).toContain("Sam Secops: keep NSX until AdminNetworkPolicy is GA.");
    expect(decisionPdf).toMatch(/Sealed in audit snapshot #\d+/);
    expect(decisionPdf).toContain("Licensing cost (CHF/yr)");
    expect(decisionPdf).toMatch(/Min.max normalised to 0.5, lower is better/);
    expect(decisionPdf).toContain("OVE networking deep dive");
    expect(decisionPdf).toContain("ove-slides.pdf");
    expect(decisionPdf).toMatch(/OpenShift Virtualization Engine \(OVE\) leads/);
    const scorecardPdfAfter = pdfText(
      Buffer.from(
        await (await page.request.get(`${base}${await page.getByRole("link", { name: "Export PDF" }).getAttribute("href")}`)).body(),
      ),
      "decision-e2e-scorecard-after",
    );
    expect(scorecardPdfAfter).toContain("Licensing cost (CHF/yr)");
    expect(scorecardPdfAfter).toMatch(/OpenShift Virtualization Engine \(OVE\) leads/);
    const csv = (
      await (
        await page.request.get(
          `${base}${(await card.getByTestId("decision-pdf").getAttribute("href"))!.replace("decision-pdf", "decision-csv")}`,
        )
      ).text()
    ).replace(/^\uFEFF/, "");
    for (const line of csv.trim().split("\r\n")) expect(line.startsWith('"')).toBe(true);
    await page.context().close();
  });

  it("the auditor sees criteria, workshops and decisions read-only, and the server refuses edits", async () => {
    const page = await openScorecard(browser, "auditor");
    await page.getByTestId("custom-custom-licensing-cost-chf-yr").waitFor();
    await page
      .getByTestId("workshop-answer")
      .first()
      .waitFor({ state: "attached" })
      .catch(() => undefined);
    await page.getByTestId("decision").first().waitFor();
    for (const name of [
      "Add a criterion",
      "Change",
      "Remove",
      "Record session",
      "Record answer",
      "Freeze as decision",
      "Seal in the audit chain",
    ])
      expect(await page.getByRole("button", { name, exact: true }).count()).toBe(0);
    expect(await page.getByRole("form").count()).toBe(0);
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    await page.getByTestId("score-policy-management-ove").click();
    await page.getByTestId("score-detail").getByText("Workshop OVE, 2026-12-03").first().waitFor();
    await screenshot(page, "decision-e2e-auditor");

    const base = inject("baseUrl");
    const me = await page.request.get(`${base}/api/trpc/auth.me`);
    const csrfToken = (await me.json()).result.data.json.csrfToken as string;
    const estateId = page.url().split("/").at(-2)!;
    const post = (proc: string, json: object) =>
      page.request.post(`${base}/api/trpc/${proc}`, {
        headers: { "content-type": "application/json", "x-parity-csrf": csrfToken },
        data: { json: { estateId, ...json } },
      });
    expect((await post("scorecard.removeCriterion", { criterionId: "custom-licensing-cost-chf-yr" })).status()).toBe(403);
    expect(
      (await post("scorecard.decisions.create", { chosenPlatform: "vmware-nsx", rationale: "x", dissent: "", baseVersion: 0 })).status(),
    ).toBe(403);
    expect((await post("scorecard.decisions.seal", { number: 1 })).status()).toBe(403);
    expect(
      (
        await post("scorecard.workshops.createSession", {
          platform: "ove",
          date: "2026-12-04",
          title: "x",
          participants: ["x"],
          vendorAttendees: [],
        })
      ).status(),
    ).toBe(403);
    await page.context().close();
  });
});
