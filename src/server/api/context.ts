/** Builds the tRPC context from an HTTP request: session from the cookie, CSRF check, client address. */
import { db, type PrismaClient } from "../db.ts";
import { CSRF_HEADER, deviceCookieName, findSession, readCookie, sessionTokenFrom } from "../auth/session.ts";
import { serverEnv } from "../env.ts";
import { clientAddress } from "../http/client-address.ts";
import type { TrpcContext } from "./trpc.ts";

export function createHttpContext(req: Request, resHeaders: Headers, batched = false): Promise<TrpcContext> {
  return createHttpContextFor(db(), req, resHeaders, batched);
}

export async function createHttpContextFor(prisma: PrismaClient, req: Request, resHeaders: Headers, batched = false): Promise<TrpcContext> {
  const cookieHeader = req.headers.get("cookie");
  const session = await findSession(prisma, sessionTokenFrom(cookieHeader));
  const origin = req.headers.get("origin");
  // X-Forwarded-Host only from trusted proxies: otherwise a client could choose what its origin is compared with.
  const host = (serverEnv().PARITY_TRUSTED_PROXIES ? req.headers.get("x-forwarded-host") : null) ?? req.headers.get("host");
  // A cross-site page cannot read the token to echo it, and SameSite=Strict keeps the cookie off its requests anyway.
  const sameOrigin = !origin || (host !== null && safeHost(origin) === host);
  const csrfOk = sameOrigin && !!session && req.headers.get(CSRF_HEADER) === session.csrfToken;
  return {
    prisma,
    session,
    ip: clientAddress(req.headers),
    batched,
    deviceToken: readCookie(cookieHeader, deviceCookieName()),
    userAgent: req.headers.get("user-agent")?.slice(0, 300) ?? undefined,
    csrfOk,
    resHeaders,
  };
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
