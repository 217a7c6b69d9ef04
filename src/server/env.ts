/**
 * Server configuration, validated once. Every variable the server reads is declared here; nothing else
 * in src/server reads process.env directly.
 */
import path from "node:path";
import { z } from "zod";

const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** Where the installation's Ed25519 signing key lives (generated on first start); default `<data dir>/keys`. */
  PARITY_KEY_DIR: z.string().optional(),
  /** The installation's data directory (absolute default: `.data` under the project root). */
  PARITY_DATA_DIR: z.string().optional(),
  /** Where the signing key is kept: `file` (PARITY_KEY_DIR) today; an HSM or KMS plugs in as another custody. */
  PARITY_KEY_CUSTODY: z.enum(["file"]).default("file"),
  /** Largest accepted upload (all files of one import together), in MiB. */
  PARITY_MAX_UPLOAD_MB: z.coerce.number().int().positive().max(2048).default(200),
  PARITY_SESSION_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 30)
    .default(12),
  /** A session ends after this many minutes without a request (the absolute end is PARITY_SESSION_HOURS). */
  PARITY_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(30),
  /** Secure cookies need HTTPS; default on in production, and production refuses `false`. */
  PARITY_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Failed sign-ins per (account, client) allowed in the window before that client is refused for that account. */
  PARITY_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  PARITY_LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Failures on one account from unrecognised browsers before the account-wide back-off starts. */
  PARITY_LOGIN_ACCOUNT_FAILURES: z.coerce.number().int().positive().default(20),
  /**
   * Which proxies may set X-Forwarded-For: a hop count (`1` = one reverse proxy in front) or a comma-separated
   * list of CIDRs. Unset: the socket address is the client and the header is ignored.
   */
  PARITY_TRUSTED_PROXIES: z.string().trim().optional(),
  /** Require a TOTP second factor of admins and approvers (security engineers, auditors). */
  PARITY_REQUIRE_TOTP: z.enum(["true", "false"]).default("false"),
  /** Largest JSON body of a tRPC call or any other non-upload request, in KiB. */
  PARITY_MAX_JSON_KB: z.coerce.number().int().positive().max(65_536).default(1024),
  /** Run the durable job worker inside the web process (default) or not (a separate worker runs it). */
  PARITY_INLINE_WORKER: z.enum(["true", "false"]).default("true"),
});

export type TServerEnv = z.infer<typeof ZServerEnv>;

let cached: TServerEnv | undefined;

export function serverEnv(): TServerEnv {
  if (!cached) {
    const parsed = ZServerEnv.safeParse(process.env);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
      throw new Error(`Invalid server configuration: ${problems}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function requireDatabaseUrl(): string {
  const url = serverEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm run dev starts an embedded PostgreSQL and sets it for you)");
  return url;
}

export function secureCookies(): boolean {
  const env = serverEnv();
  return env.PARITY_SECURE_COOKIES ? env.PARITY_SECURE_COOKIES === "true" : env.NODE_ENV === "production";
}

/** Refuses configurations that are unsafe in production (called at start-up and on first use). */
export function assertProductionSafe(env: TServerEnv = serverEnv()): void {
  if (env.NODE_ENV === "production" && env.PARITY_SECURE_COOKIES === "false") {
    throw new Error("PARITY_SECURE_COOKIES=false is refused in production: session cookies must be Secure (serve Parity over HTTPS)");
  }
}

/** The installation's data directory, absolute (start-up scripts set it to `<project>/.data`). */
export function dataDir(): string {
  return path.resolve(serverEnv().PARITY_DATA_DIR ?? ".data");
}

/** The signing key's directory, absolute: PARITY_KEY_DIR, else `<data dir>/keys`. */
export function keyDir(): string {
  const configured = serverEnv().PARITY_KEY_DIR;
  return configured ? path.resolve(configured) : path.join(dataDir(), "keys");
}
