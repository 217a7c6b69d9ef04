/** The whole API. Each area is a router in ./routers with thin procedures over src/server/services. */
import { adminRouter } from "./routers/admin.ts";
import { authRouter } from "./routers/auth.ts";
import { estatesRouter } from "./routers/estates.ts";
import { importsRouter } from "./routers/imports.ts";
import { jobsRouter } from "./routers/jobs.ts";
import { rulesRouter } from "./routers/rules.ts";
import { translationsRouter } from "./routers/translations.ts";
import { equivalenceRouter } from "./routers/equivalence.ts";
import { snapshotsRouter } from "./routers/snapshots.ts";
import { scorecardRouter } from "./routers/scorecard.ts";
import { createCallerFactory, createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  estates: estatesRouter,
  admin: adminRouter,
  imports: importsRouter,
  jobs: jobsRouter,
  rules: rulesRouter,
  translations: translationsRouter,
  equivalence: equivalenceRouter,
  snapshots: snapshotsRouter,
  scorecard: scorecardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
