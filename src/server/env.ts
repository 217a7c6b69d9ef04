/**
 * Server configuration, validated once. Every variable the server reads is declared here; nothing else
 * in src/server reads process.env directly.
 */
import { z } from "zod";

const ZServerEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  /** Where the installation's Ed25519 signing key lives (generated on first start). */
  PARITY_KEY_DIR: z.string().default(".data/keys"),
  /** Largest accepted upload (all files of one import together), in MiB. */
  PARITY_MAX_UPLOAD_MB: z.coerce.number().int().positive().max(2048).default(200),
  PARITY_SESSION_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Secure cookies need HTTPS; default on in production. */
  PARITY_SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Failed logins per e-mail (and per client address) allowed in the window before answering TOO_MANY_REQUESTS. */
  PARITY_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  PARITY_LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
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
