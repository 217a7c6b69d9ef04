/**
 * `npm start` (production): applies pending migrations (as PARITY_MIGRATE_DATABASE_URL's owner role when set,
 * then grants DATABASE_URL's role what the app needs), optionally creates the first
 * administrator (PARITY_ADMIN_EMAIL / PARITY_ADMIN_PASSWORD, only while no user exists), then runs `next start`.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ENGINE_NODE_FLAGS } from "./lib/engine-node-flags.ts";
import { applyMigrations } from "./lib/migrate.ts";
import { grantApplicationRole } from "./lib/app-role.ts";
import { ROOT } from "./lib/database.ts";
import { createPrismaClient } from "../server/db.ts";
import { assertProductionSafe } from "../server/env.ts";
import { createUser } from "../server/services/users.ts";
import { installationKey } from "../server/services/signing-key.ts";
import { keyCustody } from "../server/services/key-custody.ts";

assertProductionSafe();
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: production needs an external PostgreSQL (use `npm run dev` for the embedded one)");
  process.exit(2);
}
// Least privilege: migrations run as the schema owner (PARITY_MIGRATE_DATABASE_URL), the app as DATABASE_URL's
// role, which gets exactly the grants it needs after every migration (src/scripts/lib/app-role.ts).
const ownerUrl = process.env.PARITY_MIGRATE_DATABASE_URL ?? url;
const applied = await applyMigrations(ownerUrl);
console.log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");
if (process.env.PARITY_MIGRATE_DATABASE_URL) {
  const role = decodeURIComponent(new URL(url).username);
  const { appendOnly } = await grantApplicationRole(ownerUrl, role);
  console.log(`granted the application role ${role} its rights (append-only: ${appendOnly.join(", ")})`);
} else {
  console.warn(
    "WARNING: the application connects as the schema owner, so it could disable the append-only triggers; " +
      "set PARITY_MIGRATE_DATABASE_URL to the owner and DATABASE_URL to a role without ownership (README, Security)",
  );
}

// The installation's Ed25519 snapshot-signing key: created on the first start, then reused (PARITY_KEY_DIR).
process.env.PARITY_DATA_DIR ??= path.join(ROOT, ".data");
const signingKey = installationKey();
console.log(
  `snapshot signing key ${signingKey.fingerprint} (key id ${signingKey.keyId.slice(0, 16)}…), custody ${keyCustody().description}`,
);
for (const warning of keyCustody().warnings()) console.warn(`WARNING: ${warning}`);

const { PARITY_ADMIN_EMAIL, PARITY_ADMIN_PASSWORD } = process.env;
if (PARITY_ADMIN_EMAIL && PARITY_ADMIN_PASSWORD) {
  const prisma = createPrismaClient(url);
  if ((await prisma.user.count()) === 0) {
    await createUser(prisma, { email: PARITY_ADMIN_EMAIL, name: "Administrator", role: "admin", password: PARITY_ADMIN_PASSWORD });
    console.log(`created the first administrator ${PARITY_ADMIN_EMAIL}`);
  }
  await prisma.$disconnect();
}

// Flow queries run in a child process of the web server (src/server/services/flow-process).
// Parity's HTTP server around Next.js: socket address for PARITY_TRUSTED_PROXIES, body limits on every route.
const next = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/scripts/serve.ts"), "--port", process.env.PORT ?? "3000"], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, PARITY_FLOW_PROCESS: "1" },
});
// Imports and proofs run in their own process so the web server stays responsive.
const worker = spawn(process.execPath, [...ENGINE_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "src/scripts/worker.ts")], {
  cwd: ROOT,
  stdio: "inherit",
  env: process.env,
});
const forward = (signal: NodeJS.Signals) => () => {
  next.kill(signal);
  worker.kill(signal);
};
process.on("SIGINT", forward("SIGINT"));
process.on("SIGTERM", forward("SIGTERM"));
next.on("exit", (code) => {
  worker.kill("SIGTERM");
  process.exit(code ?? 0);
});
