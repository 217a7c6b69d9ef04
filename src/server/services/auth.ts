/** Sign-in and password change. Errors never reveal whether an e-mail exists. */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/password.ts";
import { isLoginThrottled, recordLoginAttempt } from "../auth/rate-limit.ts";
import { createSession } from "../auth/session.ts";
import { recordActivity } from "./activity.ts";

export async function signIn(prisma: PrismaClient, input: { email: string; password: string; ip: string; userAgent?: string }) {
  const email = input.email.trim().toLowerCase();
  if (await isLoginThrottled(prisma, email, input.ip)) {
    await recordLoginAttempt(prisma, email, input.ip, false);
    throw new AppError("TOO_MANY_REQUESTS", "Too many failed sign-in attempts. Wait a few minutes and try again.");
  }
  const user = await prisma.user.findUnique({ where: { email } });
  // Always run one scrypt verification so response time does not reveal whether the account exists.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.disabled) {
    await recordLoginAttempt(prisma, email, input.ip, false);
    await recordActivity(prisma, { userEmail: email, action: "auth.signInFailed", detail: { ip: input.ip } });
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  await recordLoginAttempt(prisma, email, input.ip, true);
  const session = await createSession(prisma, user.id, input.userAgent);
  await recordActivity(prisma, { userId: user.id, userEmail: user.email, action: "auth.signIn", detail: { ip: input.ip } });
  return {
    ...session,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    mustChangePassword: user.mustChangePassword,
  };
}

/**
 * Replaces the signed-in user's password after checking the current one (scrypt, like every password) and
 * clears the one-time flag. Every other session of the user ends: whoever knew the old password is out.
 * The new password's rules (ZNewPassword) are checked by the caller's input schema.
 */
export async function changePassword(
  prisma: PrismaClient,
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId } });
  // Guessing the current password here is throttled like guessing it at sign-in.
  if (await isLoginThrottled(prisma, user.email, input.ip)) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many wrong passwords. Wait a few minutes and try again.");
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordLoginAttempt(prisma, user.email, input.ip, false);
    throw new AppError("BAD_REQUEST", "The current password is wrong");
  }
  if (input.newPassword === input.currentPassword) throw new AppError("BAD_REQUEST", "Choose a password different from the current one");
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } }),
    prisma.session.deleteMany({ where: { userId: user.id, id: { not: input.sessionId } } }),
  ]);
}
