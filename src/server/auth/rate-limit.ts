/**
 * Login throttling backed by the LoginAttempt table, so it holds across processes and restarts:
 * too many failures for one e-mail or from one client address within the window are refused
 * before the password is even checked.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { serverEnv } from "../env.ts";

export async function isLoginThrottled(prisma: PrismaClient, email: string, ip: string): Promise<boolean> {
  const env = serverEnv();
  const since = new Date(Date.now() - env.PARITY_LOGIN_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    prisma.loginAttempt.count({ where: { email, success: false, createdAt: { gte: since } } }),
    prisma.loginAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  // The per-address limit is wider: several people behind one proxy share an address.
  return byEmail >= env.PARITY_LOGIN_MAX_FAILURES || byIp >= env.PARITY_LOGIN_MAX_FAILURES * 4;
}

export async function recordLoginAttempt(prisma: PrismaClient, email: string, ip: string, success: boolean): Promise<void> {
  await prisma.loginAttempt.create({ data: { email, ip, success } });
}
