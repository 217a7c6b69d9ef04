/** Sign-in and sign-out. Errors never reveal whether an e-mail exists. */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { dummyPasswordHash, verifyPassword } from "../auth/password.ts";
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
  return { ...session, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
