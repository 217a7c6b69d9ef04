/**
 * End-to-end tier: the production build (`next build`, skipped when PARITY_E2E_SKIP_BUILD=1 because CI has
 * just built) served by `next start` on a free port, over a fresh seeded database, driven by headless Chromium.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../src/scripts/lib/embedded-postgres.ts";
import { prepareDatabase, ROOT } from "../../src/scripts/lib/database.ts";
import { seedDatabase } from "../../src/scripts/lib/seed-database.ts";
import { ensureChromium } from "./browser.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    e2eDatabaseUrl: string;
  }
}

async function waitForServer(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server at ${url} did not come up within ${timeoutMs} ms`);
}

export default async function setup(project: TestProject) {
  ensureChromium();
  if (process.env.PARITY_E2E_SKIP_BUILD !== "1" || !fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    const build = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const database = await prepareDatabase({ database: "parity_e2e", dataDir: ".data/e2e-postgres", recreate: true });
  await seedDatabase(database.url);
  const port = await freePort();
  const server = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: database.url, PARITY_DEMO: "true", NODE_ENV: "production", PARITY_SECURE_COOKIES: "false" },
  });
  // The job worker runs beside the web server, exactly as `npm start` runs it.
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production" },
  });
  const logs: string[] = [];
  for (const child of [server, worker]) {
    child.stdout.on("data", (chunk) => logs.push(String(chunk)));
    child.stderr.on("data", (chunk) => logs.push(String(chunk)));
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(`${baseUrl}/login`, 60_000);
  } catch (error) {
    server.kill();
    worker.kill();
    console.error(logs.join(""));
    throw error;
  }
  project.provide("baseUrl", baseUrl);
  project.provide("e2eDatabaseUrl", database.url);
  return async () => {
    server.kill("SIGTERM");
    worker.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    fs.mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
    fs.writeFileSync(path.join(ROOT, "test-results/e2e-server.log"), logs.join(""));
    await database.stop();
  };
}
