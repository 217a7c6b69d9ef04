import { z } from "zod";
import { clearedSessionCookie, deleteSession, deviceCookie, sessionCookie } from "../../auth/session.ts";
import { listOwnSessions, revokeOtherSessions, revokeOwnSession, signInHistory } from "../../services/account.ts";
import { signIn } from "../../services/auth.ts";
import { authedProcedure, authenticationProcedure, createTRPCRouter, publicProcedure } from "../trpc.ts";

export const ZSignIn = z.object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) });
export type TSignIn = z.infer<typeof ZSignIn>;

export const authRouter = createTRPCRouter({
  signIn: authenticationProcedure.input(ZSignIn).mutation(async ({ ctx, input }) => {
    const result = await signIn(ctx.prisma, { ...input, ip: ctx.ip, userAgent: ctx.userAgent, deviceToken: ctx.deviceToken });
    ctx.resHeaders?.append("Set-Cookie", sessionCookie(result.token, result.expiresAt));
    if (result.deviceToken) ctx.resHeaders?.append("Set-Cookie", deviceCookie(result.deviceToken));
    return { user: result.user, csrfToken: result.csrfToken };
  }),
  signOut: authedProcedure.mutation(async ({ ctx }) => {
    await deleteSession(ctx.prisma, ctx.session.sessionId);
    ctx.resHeaders?.append("Set-Cookie", clearedSessionCookie());
    return { ok: true };
  }),
  /** The signed-in user and the CSRF token the client must echo on mutations (null when signed out). */
  me: publicProcedure.query(({ ctx }) => (ctx.session ? { user: ctx.session.user, csrfToken: ctx.session.csrfToken } : null)),
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
