/**
 * End-to-end tier: the production build (`next build`, skipped when PARITY_E2E_SKIP_BUILD=1 because CI has
 * just built) served as `npm start` serves it on a free port, over a fresh seeded database, driven by
 * headless Chromium.
 */
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ROOT } from "../../src/scripts/lib/database.ts";
import { startApp } from "../support/app-server.ts";
import { ensureChromium } from "./browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const app = await startApp({
    database: "parity_e2e",
    dataDir: ".data/e2e-postgres",
    logFile: path.join(ROOT, "test-results/e2e-server.log"),
  });
  project.provide("baseUrl", app.baseUrl);
  project.provide("e2eDatabaseUrl", app.ownerUrl);
  return app.stop;
}
