import { z } from "zod";
import { createEstate } from "../../services/estates.ts";
import { createUser, listUsers, setMembership, setUserDisabled, setUserRole } from "../../services/users.ts";
import { ROLES } from "../../services/access.ts";
import { resetTwoFactor } from "../../services/two-factor.ts";
import { adminProcedure, createTRPCRouter } from "../trpc.ts";

export const ZRole = z.enum(ROLES);
export const ZCreateUser = z.object({
  email: z.string().trim().email().max(200),
  name: z.string().trim().min(1).max(200),
  role: ZRole,
  password: z.string().min(12, "Use at least 12 characters").max(200),
});
export const ZCreateEstate = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes"),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
});

export const adminRouter = createTRPCRouter({
  users: adminProcedure.query(({ ctx }) => listUsers(ctx.prisma)),
  createUser: adminProcedure.input(ZCreateUser).mutation(({ ctx, input }) => createUser(ctx.prisma, input)),
  setRole: adminProcedure
    .input(z.object({ userId: z.string().uuid(), role: ZRole }))
    .mutation(({ ctx, input }) => setUserRole(ctx.prisma, input.userId, input.role)),
  /** Disabling ends the user's sessions at once; re-enabling lets them sign in again. */
  setDisabled: adminProcedure
    .input(z.object({ userId: z.string().uuid(), disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.prisma, ctx.session.user.id, input.userId, input.disabled)),
  /** For a lost authenticator: the user's second factor is removed and their sessions end. */
  resetTwoFactor: adminProcedure
    .input(z.object({ userId: z.string().uuid() }))
    .mutation(({ ctx, input }) => resetTwoFactor(ctx.prisma, input.userId)),
  createEstate: adminProcedure.input(ZCreateEstate).mutation(({ ctx, input }) => createEstate(ctx.prisma, input)),
  setMembership: adminProcedure
    .input(z.object({ userId: z.string().uuid(), estateId: z.string().uuid(), member: z.boolean() }))
    .mutation(({ ctx, input }) => setMembership(ctx.prisma, input)),
});
