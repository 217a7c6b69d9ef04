/** Builds the tRPC context from an HTTP request: session from the cookie, CSRF check, client address. */
import { db, type PrismaClient } from "../db.ts";
import { CSRF_HEADER, findSession, readCookie, SESSION_COOKIE } from "../auth/session.ts";
import type { TrpcContext } from "./trpc.ts";

export function createHttpContext(req: Request, resHeaders: Headers): Promise<TrpcContext> {
  return createHttpContextFor(db(), req, resHeaders);
}

export async function createHttpContextFor(prisma: PrismaClient, req: Request, resHeaders: Headers): Promise<TrpcContext> {
  const session = await findSession(prisma, readCookie(req.headers.get("cookie"), SESSION_COOKIE));
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  // A cross-site page cannot read the token to echo it, and SameSite=Strict keeps the cookie off its requests anyway.
  const sameOrigin = !origin || (host !== null && new URL(origin).host === host);
  const csrfOk = sameOrigin && !!session && req.headers.get(CSRF_HEADER) === session.csrfToken;
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    prisma,
    session,
    ip: forwarded || req.headers.get("x-real-ip") || "local",
    userAgent: req.headers.get("user-agent") ?? undefined,
    csrfOk,
    resHeaders,
  };
}
