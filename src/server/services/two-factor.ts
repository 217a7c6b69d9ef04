/** Setting up, checking and removing a user's TOTP second factor. */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { secondFactorRequired } from "../auth/session.ts";
import { generateTotpSecret, otpauthUri, verifyTotp } from "../auth/totp.ts";
import type { Role } from "../../generated/prisma/enums.ts";

export async function twoFactorStatus(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, totpEnabledAt: true } });
  return { enabled: !!user.totpEnabledAt, enabledAt: user.totpEnabledAt, required: secondFactorRequired(user.role) };
}

/** A new secret to scan; it takes effect only once a code from it is confirmed. */
export async function beginTwoFactor(prisma: PrismaClient, userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor authentication is already on; turn it off first to replace it");
  const secret = generateTotpSecret();
  await prisma.user.update({ where: { id: userId }, data: { totpPendingSecret: secret } });
  return { secret, uri: otpauthUri(secret, user.email) };
}

export async function confirmTwoFactor(prisma: PrismaClient, userId: string, code: string): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpPendingSecret: true } });
  if (!user.totpPendingSecret) throw new AppError("BAD_REQUEST", "Start the set-up first");
  const step = verifyTotp(user.totpPendingSecret, code);
  if (step === undefined) throw new AppError("BAD_REQUEST", "That code does not match; check the time on your phone and try the next code");
  await prisma.user.update({
    where: { id: userId },
    data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step },
  });
}

export async function disableTwoFactor(prisma: PrismaClient, userId: string, role: Role, code: string): Promise<void> {
  if (secondFactorRequired(role)) throw new AppError("FORBIDDEN", "This installation requires two-factor authentication for your role");
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true } });
  if (!user.totpSecret) return;
  if (verifyTotp(user.totpSecret, code, { lastStep: user.totpLastStep }) === undefined) throw new AppError("BAD_REQUEST", "Wrong code");
  await prisma.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null },
  });
}

/** An admin's reset for a lost phone: the user sets up a new factor at the next sign-in; their sessions end. */
export async function resetTwoFactor(prisma: PrismaClient, userId: string): Promise<void> {
  await prisma.user.update({
    where: { id: userId },
    data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null },
  });
  await prisma.session.deleteMany({ where: { userId } });
}

/**
 * Checks a sign-in's code and burns its step (conditional update: two requests with the same code cannot both
 * pass). True when the code is right and unused.
 */
export async function acceptSignInCode(prisma: PrismaClient, userId: string, secret: string, lastStep: number | null, code: string) {
  const step = verifyTotp(secret, code, { lastStep });
  if (step === undefined) return false;
  const { count } = await prisma.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return count === 1;
}
