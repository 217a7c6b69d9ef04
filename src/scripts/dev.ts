/**
 * `npm run dev`: the whole app on one command. Without DATABASE_URL it starts an embedded PostgreSQL
 * (data in .data/postgres), applies migrations, seeds the demo accounts and estate, and runs `next dev`
 * on http://localhost:3000. Ctrl-C stops Next.js and then the database cleanly.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ENGINE_NODE_FLAGS } from "./lib/engine-node-flags.ts";
import { prepareDatabase, ROOT } from "./lib/database.ts";
import { seedDatabase } from "./lib/seed-database.ts";
import { installationKey } from "../server/services/signing-key.ts";
import { DEMO_ACCOUNTS } from "../server/demo-accounts.ts";

const port = process.env.PORT ?? "3000";
console.log(process.env.DATABASE_URL ? "Using DATABASE_URL" : "Starting embedded PostgreSQL in .data/postgres …");
const database = await prepareDatabase({ database: "parity", dataDir: ".data/postgres", port: 54329 });
await seedDatabase(database.url, (line) => console.log(line));
console.log(
  `snapshot signing key ${installationKey().fingerprint} (created on the first start under PARITY_KEY_DIR, default <data dir>/keys)`,
);

const env = { ...process.env, DATABASE_URL: database.url, PARITY_DEMO: "true" };
// Flow queries run in a child process of the web server (src/server/services/flow-process).
const next = spawn(path.join(ROOT, "node_modules/.bin/next"), ["dev", "--port", port], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...env, PARITY_FLOW_PROCESS: "1" },
});
// Imports and proofs run in their own process so the web server stays responsive.
const worker = spawn(process.execPath, [...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], {
  cwd: ROOT,
  stdio: "inherit",
  env,
});

console.log(`\nParity: http://localhost:${port}\nDemo logins:`);
for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(18)} ${account.email.padEnd(26)} ${account.password}`);
console.log("");

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  worker.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 500));
  await database.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
next.on("exit", (code) => void shutdown(code ?? 0));
