import { z } from "zod";
import { estateSummary, ruleDetail, rulesPage } from "../../services/rules.ts";
import { createTRPCRouter, estateReadProcedure } from "../trpc.ts";

export const ZRulesFilter = z.object({
  importId: z.string().uuid().optional(),
  categories: z
    .array(z.enum(["Ethernet", "Emergency", "Infrastructure", "Environment", "Application"]))
    .max(5)
    .optional(),
  actions: z
    .array(z.enum(["ALLOW", "DROP", "REJECT", "JUMP_TO_APPLICATION"]))
    .max(4)
    .optional(),
  search: z.string().max(200).optional(),
  includeDisabled: z.boolean().optional(),
  ids: z.array(z.string().max(300)).max(100).optional(),
});

export const rulesRouter = createTRPCRouter({
  /** A window of the filtered DFW rules in evaluation order (the explorer fetches the windows it shows). */
  page: estateReadProcedure
    .input(ZRulesFilter.extend({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }))
    .query(({ ctx, input }) => rulesPage(ctx.prisma, input.estateId, input)),
  /** One rule with its groups resolved (expression in words, members). */
  detail: estateReadProcedure
    .input(z.object({ importId: z.string().uuid(), position: z.number().int().min(0) }))
    .query(({ ctx, input }) => ruleDetail(ctx.prisma, input.estateId, input)),
  /** Rules by category and action, applications by `app` tag: the charts' data. */
  summary: estateReadProcedure
    .input(z.object({ importId: z.string().uuid().optional() }))
    .query(({ ctx, input }) => estateSummary(ctx.prisma, input.estateId, input.importId)),
});
