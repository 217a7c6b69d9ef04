import { z } from "zod";
import { clearedSessionCookie, deleteSession, deviceCookie, sessionCookie } from "../../auth/session.ts";
import { PASSWORD_MAX_LENGTH, ZNewPassword } from "../../../auth/password-policy.ts";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession, signInHistory } from "../../services/account.ts";
import { changePassword, signIn } from "../../services/auth.ts";
import { beginTwoFactor, confirmTwoFactor, disableTwoFactor, twoFactorStatus } from "../../services/two-factor.ts";
import { authedProcedure, authenticationProcedure, createTRPCRouter, publicProcedure } from "../trpc.ts";

export const ZSignIn = z.object({
  email: z.string().trim().min(3).max(200),
  password: z.string().min(1).max(200),
  totp: z.string().trim().max(10).optional(),
});
const ZCode = z.object({ code: z.string().trim().min(6).max(10) });
export type TSignIn = z.infer<typeof ZSignIn>;

export const authRouter = createTRPCRouter({
  signIn: authenticationProcedure.input(ZSignIn).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.prisma, { ...input, ip: ctx.ip, userAgent: ctx.userAgent, deviceToken: ctx.deviceToken });
    ctx.resHeaders?.append("Set-Cookie", sessionCookie(result.token, result.expiresAt));
    if (result.deviceToken) ctx.resHeaders?.append("Set-Cookie", deviceCookie(result.deviceToken));
    return { user: result.user, csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword };
  }),
  /** Current + new password; the only call a user signed in with a one-time password may make (besides signing out). */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: ZNewPassword }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.prisma, {
        userId: ctx.session.user.id,
        sessionId: ctx.session.sessionId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        ...input,
      });
      return { ok: true };
    }),
  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.prisma, ctx.session.sessionId);
    ctx.resHeaders?.append("Set-Cookie", clearedSessionCookie());
    return { ok: true };
  }),
  /** The signed-in user and the CSRF token the client must echo on mutations (null when signed out). */
  me: publicProcedure.query(({ ctx }) =>
    ctx.session
      ? {
          user: ctx.session.user,
          csrfToken: ctx.session.csrfToken,
          mustChangePassword: ctx.session.mustChangePassword ?? false,
          mustEnrolSecondFactor: !!ctx.session.mustEnrolSecondFactor,
        }
      : null,
  ),
  twoFactorStatus: authedProcedure.query(({ ctx }) => twoFactorStatus(ctx.prisma, ctx.session.user.id)),
  /** A new TOTP secret (and its otpauth URI) to add to an authenticator app; active once confirmed. */
  beginTwoFactor: authedProcedure.mutation(({ ctx }) => beginTwoFactor(ctx.prisma, ctx.session.user.id)),
  confirmTwoFactor: authedProcedure.input(ZCode).mutation(async ({ ctx, input }) => {
    await confirmTwoFactor(ctx.prisma, ctx.session.user.id, input.code);
    return { ok: true };
  }),
  disableTwoFactor: authedProcedure.input(ZCode).mutation(async ({ ctx, input }) => {
    await disableTwoFactor(ctx.prisma, ctx.session.user.id, ctx.session.user.role, input.code);
    return { ok: true };
  }),
  /** The user's own active sessions (this one marked current). */
  sessions: authedProcedure.query(({ ctx }) => listOwnSessions(ctx.prisma, ctx.session.user.id, ctx.session.sessionId)),
  revokeSession: authedProcedure.input(z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) })).mutation(async ({ ctx, input }) => {
    await revokeOwnSession(ctx.prisma, ctx.session.user.id, input.sessionId);
    if (input.sessionId === ctx.session.sessionId) ctx.resHeaders?.append("Set-Cookie", clearedSessionCookie());
    return { ok: true };
  }),
  revokeOtherSessions: authedProcedure.mutation(async ({ ctx }) => ({
    revoked: await revokeOtherSessions(ctx.prisma, ctx.session.user.id, ctx.session.sessionId),
  })),
  /** The user's own recent sign-in attempts. */
  signInHistory: authedProcedure.query(({ ctx }) => signInHistory(ctx.prisma, ctx.session.user.email)),
});
