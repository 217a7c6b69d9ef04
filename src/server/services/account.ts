/** A signed-in user's own account: sessions (list, revoke) and sign-in history. */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { serverEnv } from "../env.ts";

export async function listOwnSessions(prisma: PrismaClient, userId: string, currentSessionId: string) {
  const idleMs = serverEnv().PARITY_SESSION_IDLE_MINUTES * 60_000;
  const now = Date.now();
  const sessions = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - idleMs) } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ip: true },
  });
  return sessions.map((s) => ({
    // The id is the token's SHA-256: it identifies the session to its owner but cannot be replayed as a cookie.
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
    idleExpiresAt: new Date(s.lastSeenAt.getTime() + idleMs),
    userAgent: s.userAgent,
    ip: s.ip,
    current: s.id === currentSessionId,
  }));
}

export async function revokeOwnSession(prisma: PrismaClient, userId: string, sessionId: string): Promise<void> {
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  if (count === 0) throw new AppError("NOT_FOUND", "No such session");
}

export async function revokeOtherSessions(prisma: PrismaClient, userId: string, currentSessionId: string): Promise<number> {
  const { count } = await prisma.session.deleteMany({ where: { userId, id: { not: currentSessionId } } });
  return count;
}

/** The account's recent sign-in attempts (successes, failures, throttled), newest first. */
export async function signInHistory(prisma: PrismaClient, email: string, limit = 50) {
  const rows = await prisma.loginAttempt.findMany({
    where: { email },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, createdAt: true, outcome: true, ip: true, userAgent: true, trustedDevice: true },
  });
  return rows.map((row) => ({ ...row, id: row.id.toString() }));
}
