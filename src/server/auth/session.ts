/**
 * Server-side sessions in PostgreSQL. The browser holds a random token in an HTTP-only, SameSite=Strict
 * cookie (`__Host-` prefixed whenever cookies are Secure: no subdomain or path can shadow it); the database
 * holds only its SHA-256, so a leaked table cannot be replayed. Each session carries a CSRF token that
 * mutations must echo in a header. A session ends at its absolute expiry (PARITY_SESSION_HOURS), after
 * PARITY_SESSION_IDLE_MINUTES without a request, when its owner revokes it, or when the user is disabled.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Role } from "../../generated/prisma/enums.ts";
import { secureCookies, serverEnv } from "../env.ts";

export const CSRF_HEADER = "x-parity-csrf";

/** The session cookie's name: `__Host-` needs Secure, so plain-HTTP development keeps the bare name. */
export function sessionCookieName(): string {
  return secureCookies() ? "__Host-parity_session" : "parity_session";
}

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  user: SessionUser;
  /** The installation requires a second factor of this role and the user has none yet: only enrolment is open. */
  mustEnrolSecondFactor?: boolean;
  /** The user signed in with a one-time password: nothing but choosing a new one (or signing out) is allowed. */
  mustChangePassword?: boolean;
}

/** Admins and approvers need a TOTP second factor when PARITY_REQUIRE_TOTP=true. */
export function secondFactorRequired(role: Role): boolean {
  return serverEnv().PARITY_REQUIRE_TOTP === "true" && ["admin", "security_engineer", "auditor"].includes(role);
}

/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(prisma: PrismaClient, userId: string, userAgent?: string, ip?: string) {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + serverEnv().PARITY_SESSION_HOURS * 3600_000);
  await prisma.session.create({
    data: { id: hashToken(token), userId, csrfToken, expiresAt, userAgent: userAgent?.slice(0, 300), ip: ip?.slice(0, 100) },
  });
  return { token, csrfToken, expiresAt };
}

export async function findSession(prisma: PrismaClient, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session) return null;
  const now = Date.now();
  const idleMs = serverEnv().PARITY_SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt.getTime() < now || session.lastSeenAt.getTime() + idleMs < now || session.user.disabled) {
    await prisma.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
  }
  const { id, email, name, role, mustChangePassword } = session.user;
  const mustEnrolSecondFactor = secondFactorRequired(role) && !session.user.totpEnabledAt;
  return {
    sessionId: session.id,
    csrfToken: session.csrfToken,
    user: { id, email, name, role },
    mustChangePassword,
    mustEnrolSecondFactor,
  };
}

/** The session token from a Cookie header. */
export function sessionTokenFrom(cookieHeader: string | null | undefined): string | undefined {
  return readCookie(cookieHeader, sessionCookieName());
}

export async function deleteSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

function cookie(name: string, value: string, attributes: string[]): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Strict", ...attributes];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return cookie(sessionCookieName(), token, [`Expires=${expiresAt.toUTCString()}`]);
}

export function clearedSessionCookie(): string {
  return cookie(sessionCookieName(), "", ["Max-Age=0"]);
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/** Long-lived cookie naming a browser that has signed in to an account before (see login-throttle.ts). */
export function deviceCookieName(): string {
  return secureCookies() ? "__Host-parity_device" : "parity_device";
}

export function deviceCookie(token: string): string {
  return cookie(deviceCookieName(), token, [`Max-Age=${180 * 24 * 3600}`]);
}
