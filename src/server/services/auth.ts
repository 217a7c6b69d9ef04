/** Sign-in and password change. Errors never reveal whether an e-mail exists or is disabled. */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { dummyPasswordHash, hashPassword, verifyPassword } from "../auth/password.ts";
import { admitLoginAttempt, settleLoginAttempt } from "../auth/login-throttle.ts";
import { createSession } from "../auth/session.ts";
import { rememberDevice, trustedDeviceKey } from "../auth/trusted-device.ts";
import { recordActivity } from "./activity.ts";
import { acceptSignInCode } from "./two-factor.ts";

export interface TSignInInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
  /** The browser's trusted-device cookie, if any. */
  deviceToken?: string;
  /** The TOTP code, for accounts with a second factor. */
  totp?: string;
}

export async function signIn(prisma: PrismaClient, input: TSignInInput) {
  const email = input.email.trim().toLowerCase().slice(0, 200);
  const deviceKey = await trustedDeviceKey(prisma, email, input.deviceToken);
  const decision = await admitLoginAttempt(prisma, {
    email,
    ip: input.ip,
    trustedDevice: !!deviceKey,
    deviceKey,
    userAgent: input.userAgent,
  });
  if (!decision.admitted) {
    // Not counted as a failure and not checked: refusing can never extend the back-off.
    throw new AppError("TOO_MANY_REQUESTS", `Too many failed sign-in attempts from here. Try again in ${decision.retryAfterSeconds} s.`, {
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  const user = await prisma.user.findUnique({ where: { email } });
  // Always run one scrypt verification so response time does not reveal whether the account exists.
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.disabled) {
    await settleLoginAttempt(prisma, decision.attemptId, user && valid ? "disabled" : "failure");
    await recordActivity(prisma, { userEmail: email, action: "auth.signInFailed", detail: { ip: input.ip } });
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  if (user.totpSecret) {
    // The second factor is checked in the same admitted attempt: a wrong or missing code counts as a failure.
    const ok = input.totp ? await acceptSignInCode(prisma, user.id, user.totpSecret, user.totpLastStep, input.totp) : false;
    if (!ok) {
      await settleLoginAttempt(prisma, decision.attemptId, "failure");
      throw new AppError("UNAUTHORIZED", input.totp ? "Wrong or already used code" : "Enter the 6-digit code from your authenticator app", {
        secondFactor: "totp",
      });
    }
  }
  await settleLoginAttempt(prisma, decision.attemptId, "success");
  const session = await createSession(prisma, user.id, input.userAgent, input.ip);
  const deviceToken = await rememberDevice(prisma, user.id, deviceKey);
  await recordActivity(prisma, { userId: user.id, userEmail: user.email, action: "auth.signIn", detail: { ip: input.ip } });
  return {
    ...session,
    deviceToken,
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
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string; ip: string; userAgent?: string },
): Promise<void> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId } });
  // Guessing the current password here is throttled like guessing it at sign-in (same atomic reservation).
  const decision = await admitLoginAttempt(prisma, { email: user.email, ip: input.ip, trustedDevice: false, userAgent: input.userAgent });
  if (!decision.admitted) {
    throw new AppError("TOO_MANY_REQUESTS", `Too many wrong passwords. Try again in ${decision.retryAfterSeconds} s.`);
  }
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await settleLoginAttempt(prisma, decision.attemptId, "failure");
    throw new AppError("BAD_REQUEST", "The current password is wrong");
  }
  await settleLoginAttempt(prisma, decision.attemptId, "success");
  if (input.newPassword === input.currentPassword) throw new AppError("BAD_REQUEST", "Choose a password different from the current one");
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } }),
    prisma.session.deleteMany({ where: { userId: user.id, id: { not: input.sessionId } } }),
  ]);
}
