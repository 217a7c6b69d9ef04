/**
 * Server-side sessions in PostgreSQL. The browser holds a random token in an HTTP-only, SameSite=Strict
 * cookie; the database holds only its SHA-256, so a leaked table cannot be replayed. Each session carries
 * a CSRF token that mutations must echo in a header.
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Role } from "../../generated/prisma/enums.ts";
import { secureCookies, serverEnv } from "../env.ts";

export const SESSION_COOKIE = "parity_session";
export const CSRF_HEADER = "x-parity-csrf";

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
  /** The user signed in with a one-time password: nothing but choosing a new one (or signing out) is allowed. */
  mustChangePassword?: boolean;
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export async function createSession(prisma: PrismaClient, userId: string, userAgent?: string) {
  const token = crypto.randomBytes(32).toString("base64url");
  const csrfToken = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + serverEnv().PARITY_SESSION_HOURS * 3600_000);
  await prisma.session.create({ data: { id: hashToken(token), userId, csrfToken, expiresAt, userAgent: userAgent?.slice(0, 300) } });
  return { token, csrfToken, expiresAt };
}

export async function findSession(prisma: PrismaClient, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({ where: { id: hashToken(token) }, include: { user: true } });
  if (!session || session.expiresAt < new Date() || session.user.disabled) return null;
  const { id, email, name, role, mustChangePassword } = session.user;
  return { sessionId: session.id, csrfToken: session.csrfToken, user: { id, email, name, role }, mustChangePassword };
}

export async function deleteSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Strict", `Expires=${expiresAt.toUTCString()}`];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=0"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}
