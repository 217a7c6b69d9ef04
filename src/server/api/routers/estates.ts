import { z } from "zod";
import { listActivity } from "../../services/activity.ts";
import { getEstate, listEstatesFor, updateEstateDetails } from "../../services/estates.ts";
import { authedProcedure, createTRPCRouter, estateReadProcedure, securityProcedure } from "../trpc.ts";

export const ZEstateDetails = z.object({ name: z.string().trim().min(1).max(200), description: z.string().max(2000) });

export const estatesRouter = createTRPCRouter({
  /** The user's estates; archived ones only with `includeArchived`. */
  list: authedProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }).optional())
    .query(({ ctx, input }) => listEstatesFor(ctx.prisma, ctx.session.user, { includeArchived: input?.includeArchived ?? false })),
  get: estateReadProcedure.query(({ ctx, input }) => getEstate(ctx.prisma, input.estateId)),
  activity: estateReadProcedure.query(({ ctx, input }) => listActivity(ctx.prisma, input.estateId)),
  updateDetails: securityProcedure
    .input(ZEstateDetails)
    .mutation(({ ctx, input }) => updateEstateDetails(ctx.prisma, input.estateId, { name: input.name, description: input.description })),
});
