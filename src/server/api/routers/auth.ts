import { z } from "zod";
import { clearedSessionCookie, deleteSession, sessionCookie } from "../../auth/session.ts";
import { PASSWORD_MAX_LENGTH, ZNewPassword } from "../../../auth/password-policy.ts";
import { changePassword, signIn } from "../../services/auth.ts";
import { authedProcedure, createTRPCRouter, publicProcedure } from "../trpc.ts";

export const ZSignIn = z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
export type TSignIn = z.infer<typeof ZSignIn>;

export const authRouter = createTRPCRouter({
  signIn: publicProcedure.input(ZSignIn).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.prisma, { ...input, ip: ctx.ip, userAgent: ctx.userAgent });
    ctx.resHeaders?.append("Set-Cookie", sessionCookie(result.token, result.expiresAt));
    return { user: result.user, csrfToken: result.csrfToken, mustChangePassword: result.mustChangePassword };
  }),
  /** Current + new password; the only call a user signed in with a one-time password may make (besides signing out). */
  changePassword: authedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH), newPassword: ZNewPassword }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx.prisma, { userId: ctx.session.user.id, sessionId: ctx.session.sessionId, ip: ctx.ip, ...input });
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
      ? { user: ctx.session.user, csrfToken: ctx.session.csrfToken, mustChangePassword: ctx.session.mustChangePassword ?? false }
      : null,
  ),
});
