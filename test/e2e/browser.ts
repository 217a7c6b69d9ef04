/** Headless Chromium through playwright-core (Debian's package; no browser download) and screenshot artifacts. */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureSystemTool } from "../support/system-tools.ts";

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, "../../test-results/screenshots");

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

/** CHROMIUM_PATH, a browser already installed, or (as root on Debian) Debian's chromium installed on first use. */
export function ensureChromium(): string {
  return findChromium() ?? ensureSystemTool("chromium", "chromium");
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch() a fresh temporary profile (the --user-data-dir the machine notes ask for).
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
