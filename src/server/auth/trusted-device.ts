/**
 * Trusted devices (OWASP "device cookies"): after a successful sign-in the browser gets a random token; the
 * database keeps only its SHA-256 and the account it belongs to. A browser presenting a valid token for the
 * account it signs in to is exempt from the account-wide back-off (see login-throttle.ts).
 */
import crypto from "node:crypto";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { hashToken } from "./session.ts";

/** The device's key (token hash) when `token` is a trusted device of `userId`'s account. */
export async function trustedDeviceKey(prisma: PrismaClient, email: string, token: string | undefined): Promise<string | undefined> {
  if (!token || token.length > 200) return undefined;
  const id = hashToken(token);
  const device = await prisma.trustedDevice.findUnique({ where: { id }, select: { user: { select: { email: true } } } });
  return device?.user.email === email ? id : undefined;
}

/** Marks this browser as the account's (a new token, or the existing one refreshed). */
export async function rememberDevice(prisma: PrismaClient, userId: string, existingKey: string | undefined): Promise<string | undefined> {
  if (existingKey) {
    await prisma.trustedDevice.updateMany({ where: { id: existingKey }, data: { lastUsedAt: new Date() } });
    return undefined;
  }
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.trustedDevice.create({ data: { id: hashToken(token), userId } });
  return token;
}
