/**
 * Login throttling, atomic and shaped so it cannot be turned into a lock-out of the real user.
 *
 * - Atomic: the check and the recording happen in one transaction under a PostgreSQL advisory lock on the
 *   account, and an admitted attempt is recorded as `pending` before the password is checked; a pending
 *   attempt counts as a failure. Thirty parallel requests therefore get at most the allowed number of
 *   password checks, whatever the interleaving (no check-then-record race).
 * - Per (account, client): PARITY_LOGIN_MAX_FAILURES failures in the window refuse that client for that
 *   account only. The client is the browser's trusted-device token when it has one, else its address.
 * - Per account, a slower back-off, only for browsers that never signed in to the account (OWASP "device
 *   cookies"): after PARITY_LOGIN_ACCOUNT_FAILURES failures in the window, unrecognised clients get one attempt
 *   per back-off interval (doubling, at most a minute). A browser that has signed in before is exempt, so an
 *   attacker's failures from anywhere never keep the owner out.
 * - Throttled attempts are recorded (sign-in history) but never count as failures: refusing cannot extend
 *   the back-off.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { serverEnv } from "../env.ts";

export type TLoginDecision = { admitted: true; attemptId: bigint } | { admitted: false; retryAfterSeconds: number };

const COUNTED = ["failure", "pending"];
const MAX_BACKOFF_SECONDS = 60;

export interface TLoginClient {
  email: string;
  /** Client address (see client-address.ts). */
  ip: string;
  /** The browser holds a valid trusted-device token for this account. */
  trustedDevice: boolean;
  /** Stable key of the trusted device (hash), used as the client instead of the address when present. */
  deviceKey?: string;
  userAgent?: string;
}

/** Decides and, when admitted, reserves the attempt (outcome `pending`) in one locked transaction. */
export async function admitLoginAttempt(prisma: PrismaClient, client: TLoginClient): Promise<TLoginDecision> {
  const env = serverEnv();
  const windowMs = env.PARITY_LOGIN_WINDOW_MINUTES * 60_000;
  const clientKey = client.deviceKey ? `device:${client.deviceKey}` : client.ip;
  return prisma.$transaction(async (tx) => {
    // Serialises decisions per account across every web process (the lock ends with the transaction).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${"parity-login:" + client.email}, 0))`;
    const now = Date.now();
    const since = new Date(now - windowMs);
    const byClient = await tx.loginAttempt.findMany({
      where: { email: client.email, client: clientKey, outcome: { in: COUNTED }, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    });
    let retryAfterSeconds = 0;
    if (byClient.length >= env.PARITY_LOGIN_MAX_FAILURES) {
      const oldest = byClient[byClient.length - env.PARITY_LOGIN_MAX_FAILURES].createdAt.getTime();
      retryAfterSeconds = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    } else if (!client.trustedDevice) {
      const accountFailures = await tx.loginAttempt.count({
        where: { email: client.email, trustedDevice: false, outcome: { in: COUNTED }, createdAt: { gte: since } },
      });
      const excess = accountFailures - env.PARITY_LOGIN_ACCOUNT_FAILURES;
      if (excess >= 0) {
        const backoffMs = Math.min(2 ** Math.min(excess, 16), MAX_BACKOFF_SECONDS) * 1000;
        const last = await tx.loginAttempt.findFirst({
          where: { email: client.email, trustedDevice: false, outcome: { in: [...COUNTED, "success"] }, createdAt: { gte: since } },
          orderBy: { createdAt: "desc" },
          select: { createdAt: true },
        });
        const wait = last ? last.createdAt.getTime() + backoffMs - now : 0;
        if (wait > 0) retryAfterSeconds = Math.ceil(wait / 1000);
      }
    }
    const common = {
      email: client.email,
      ip: client.ip.slice(0, 100),
      client: clientKey,
      trustedDevice: client.trustedDevice,
      userAgent: client.userAgent?.slice(0, 300),
    };
    if (retryAfterSeconds > 0) {
      await tx.loginAttempt.create({ data: { ...common, success: false, outcome: "throttled" } });
      return { admitted: false as const, retryAfterSeconds };
    }
    const attempt = await tx.loginAttempt.create({ data: { ...common, success: false, outcome: "pending" }, select: { id: true } });
    return { admitted: true as const, attemptId: attempt.id };
  });
}

/** Resolves a reserved attempt once the password has been checked. */
export async function settleLoginAttempt(
  prisma: PrismaClient,
  attemptId: bigint,
  outcome: "success" | "failure" | "disabled",
): Promise<void> {
  await prisma.loginAttempt.update({ where: { id: attemptId }, data: { outcome, success: outcome === "success" } });
}
