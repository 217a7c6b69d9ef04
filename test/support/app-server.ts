/**
 * Starts the production app for a test tier the way `npm start` runs it: the `next build` output served by
 * Parity's HTTP server (src/scripts/serve.ts) on a free port, plus the job worker, over a fresh seeded
 * database that the app reaches as the least-privileged application role (src/scripts/lib/app-role.ts).
 * Used by the e2e and security tiers' global set-ups.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../../src/scripts/lib/embedded-postgres.ts";
import { prepareDatabase, ROOT } from "../../src/scripts/lib/database.ts";
import { provisionApplicationRole } from "../../src/scripts/lib/app-role.ts";
import { seedDatabase } from "../../src/scripts/lib/seed-database.ts";

export interface RunningApp {
  baseUrl: string;
  /** The schema owner's connection (seeding, assertions). */
  ownerUrl: string;
  /** What the app connects with: the application role. */
  appUrl: string;
  logs: string[];
  stop: () => Promise<void>;
}

/** Builds once per process: both tiers may run in one vitest invocation. */
export function ensureBuild(): void {
  if (process.env.PARITY_E2E_SKIP_BUILD === "1" && fs.existsSync(path.join(ROOT, ".next/BUILD_ID"))) return;
  const build = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (build.status !== 0) throw new Error("next build failed");
  process.env.PARITY_E2E_SKIP_BUILD = "1";
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

export async function startApp(options: {
  database: string;
  dataDir: string;
  /** Extra environment for the web server (e.g. PARITY_TRUSTED_PROXIES). */
  env?: Record<string, string>;
  logFile: string;
}): Promise<RunningApp> {
  ensureBuild();
  const database = await prepareDatabase({ database: options.database, dataDir: options.dataDir, recreate: true });
  await seedDatabase(database.url);
  const appUrl = await provisionApplicationRole(database.url, "parity_app", crypto.randomBytes(18).toString("base64url"));
  const port = await freePort();
  // The signing key stays the installation default (<data dir>/keys), the one the seed sealed its snapshot with.
  const common = { ...process.env, DATABASE_URL: appUrl, NODE_ENV: "production" } as NodeJS.ProcessEnv;
  const server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/scripts/serve.ts"), "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...common, PARITY_DEMO: "true", ...options.env },
  });
  // The job worker runs beside the web server, exactly as `npm start` runs it.
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: common,
  });
  const logs: string[] = [];
  const children: ChildProcess[] = [server, worker];
  // Written as it comes, so tests can look up a correlation id in the live server log.
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  fs.writeFileSync(options.logFile, "");
  const record = (chunk: unknown) => {
    logs.push(String(chunk));
    fs.appendFileSync(options.logFile, String(chunk));
  };
  for (const child of children) {
    child.stdout?.on("data", record);
    child.stderr?.on("data", record);
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    for (const child of children) child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 500));
    await database.stop();
  };
  try {
    await waitForServer(`${baseUrl}/login`, 90_000);
  } catch (error) {
    console.error(logs.join(""));
    await stop();
    throw error;
  }
  return { baseUrl, ownerUrl: database.url, appUrl, logs, stop };
}
