import { z } from "zod";
import { adminEstates, createEstate, renameEstate, setEstateArchived } from "../../services/estates.ts";
import { addPerson, listUsers, setMembership, setUserDisabled, setUserRole } from "../../services/users.ts";
import { ROLES } from "../../services/access.ts";
import { resetTwoFactor } from "../../services/two-factor.ts";
import { adminProcedure, createTRPCRouter } from "../trpc.ts";

export const ZRole = z.enum(ROLES);
export const ZCreateEstate = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "lower-case letters, digits and dashes"),
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).optional(),
});

export const ZEstateName = z.string().trim().min(1).max(200);
export const ZAddPerson = z.object({
  /** Optional: the estate the person joins at once. */
  estateId: z.string().uuid().optional(),
  email: z.string().trim().email().max(200),
  name: z.string().trim().min(1).max(200),
  role: ZRole,
});

export const adminRouter = createTRPCRouter({
  users: adminProcedure.query(({ ctx }) => listUsers(ctx.prisma)),
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
  /** Every estate with its members; archived ones only with `includeArchived`. */
  estates: adminProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => adminEstates(ctx.prisma, input)),
  createEstate: adminProcedure.input(ZCreateEstate).mutation(({ ctx, input }) => createEstate(ctx.prisma, input)),
  renameEstate: adminProcedure
    .input(z.object({ estateId: z.string().uuid(), name: ZEstateName, description: z.string().max(2000).optional() }))
    .mutation(({ ctx, input }) => renameEstate(ctx.prisma, input)),
  /** Archived estates are read-only and hidden from the default lists; `archived: false` restores one. */
  archiveEstate: adminProcedure
    .input(z.object({ estateId: z.string().uuid(), archived: z.boolean() }))
    .mutation(({ ctx, input }) => setEstateArchived(ctx.prisma, input)),
  /** A new person (optionally a member of one estate at once) with a one-time password, returned once. */
  addPerson: adminProcedure.input(ZAddPerson).mutation(({ ctx, input }) => addPerson(ctx.prisma, input)),
  setMembership: adminProcedure
    .input(z.object({ userId: z.string().uuid(), estateId: z.string().uuid(), member: z.boolean() }))
    .mutation(({ ctx, input }) => setMembership(ctx.prisma, input)),
});
