/** Builds the real HTTP context (cookie, CSRF, origin) against the test database's client. */
import type { PrismaClient } from "../../src/server/db.ts";
import { createHttpContextFor } from "../../src/server/api/context.ts";

export function createHttpContextWith(prisma: PrismaClient, req: Request, resHeaders: Headers) {
  return createHttpContextFor(prisma, req, resHeaders);
}
