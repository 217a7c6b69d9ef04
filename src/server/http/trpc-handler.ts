/**
 * The tRPC HTTP endpoint with the guards that must run before tRPC parses anything:
 *
 * - batches: at most MAX_BATCH_SIZE calls, and never an authentication call inside a batch (one HTTP request
 *   checks at most one password; the procedures refuse a batch too, see authenticationProcedure);
 * - bodies: Content-Length against the route's limit, then the stream counted while it is read, so neither a
 *   lying header nor a chunked body can make the server hold more than the limit;
 * - multipart: only the upload procedures accept it, and the session, CSRF token and role are checked before
 *   a byte of the body is read.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Role } from "../../generated/prisma/enums.ts";
import { appRouter } from "../api/root.ts";
import { createHttpContext } from "../api/context.ts";
import { CSRF_HEADER, findSession, sessionTokenFrom } from "../auth/session.ts";
import { db } from "../db.ts";
import { serverEnv } from "../env.ts";
import { PERMISSIONS, ROLES } from "../../auth/permissions.ts";
import { BodyTooLargeError, readBoundedBody } from "./body-limit.ts";

export const TRPC_ENDPOINT = "/api/trpc";
/** Same as the client's httpBatchLink maxItems (src/trpc/client.tsx). */
export const MAX_BATCH_SIZE = 16;

/** The only procedures that take multipart bodies, and who may send one. */
export const MULTIPART_PROCEDURES: Record<string, readonly Role[]> = {
  "imports.upload": PERMISSIONS.changeEstateData,
  "snapshots.checkDeployed": PERMISSIONS.changeEstateData,
  "snapshots.verifyUpload": ROLES,
  "scorecard.workshops.recordAnswer": PERMISSIONS.changeScorecard,
};

const isAuthentication = (path: string) => path.startsWith("auth.") && path !== "auth.me";

/** Largest body a request to this tRPC path may carry, in bytes (also used by the HTTP server). */
export function trpcBodyLimit(paths: string[]): number {
  const env = serverEnv();
  if (paths.length === 1 && paths[0] in MULTIPART_PROCEDURES) return env.PARITY_MAX_UPLOAD_MB * 1024 * 1024 + 1024 * 1024;
  return env.PARITY_MAX_JSON_KB * 1024;
}

export function trpcPaths(pathname: string): string[] {
  const rest = pathname.startsWith(`${TRPC_ENDPOINT}/`) ? pathname.slice(TRPC_ENDPOINT.length + 1) : "";
  let decoded = rest;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    /* left as is: tRPC answers NOT_FOUND */
  }
  return decoded.split(",");
}

const TRPC_CODES: Record<number, [number, string]> = {
  400: [-32600, "BAD_REQUEST"],
  401: [-32001, "UNAUTHORIZED"],
  403: [-32003, "FORBIDDEN"],
  413: [-32022, "PAYLOAD_TOO_LARGE"],
  415: [-32015, "UNSUPPORTED_MEDIA_TYPE"],
};

/** A refusal in tRPC's own error shape (superjson-wrapped), so the client shows the message. */
function refuse(status: number, message: string, path: string): Response {
  const [code, name] = TRPC_CODES[status];
  return Response.json(
    { error: { json: { message, code, data: { code: name, httpStatus: status, path } } } },
    { status, headers: { connection: "close", "cache-control": "no-store" } },
  );
}

async function multipartAllowed(req: Request, path: string): Promise<Response | undefined> {
  const roles = MULTIPART_PROCEDURES[path];
  if (!roles) return refuse(415, "This call does not accept multipart bodies", path);
  const session = await findSession(db(), sessionTokenFrom(req.headers.get("cookie")));
  if (!session) return refuse(401, "Sign in first", path);
  if (req.headers.get(CSRF_HEADER) !== session.csrfToken) return refuse(403, "Missing or invalid CSRF token", path);
  if (!roles.includes(session.user.role)) return refuse(403, `Your role (${session.user.role}) may not call ${path}`, path);
  return undefined;
}

export async function handleTrpcRequest(incoming: Request): Promise<Response> {
  const url = new URL(incoming.url);
  const paths = trpcPaths(url.pathname);
  const shownPath = paths.length > 1 ? `${paths.length} calls` : paths[0];
  const batched = url.searchParams.get("batch") === "1";
  if (paths.length > MAX_BATCH_SIZE) return refuse(400, `At most ${MAX_BATCH_SIZE} calls per batch`, shownPath);
  if (paths.length > 1 && paths.some(isAuthentication)) return refuse(400, "Authentication calls cannot be batched", shownPath);

  let req = incoming;
  if (incoming.method === "POST") {
    const multipart = (incoming.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
    if (multipart) {
      if (paths.length !== 1) return refuse(415, "Uploads cannot be batched", shownPath);
      const refusal = await multipartAllowed(incoming, paths[0]);
      if (refusal) return refusal;
    }
    const limit = trpcBodyLimit(paths);
    try {
      const body = await readBoundedBody(incoming, limit);
      req = new Request(incoming.url, { method: "POST", headers: incoming.headers, body });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(413, error.message, shownPath);
      throw error;
    }
  }
  return fetchRequestHandler({
    endpoint: TRPC_ENDPOINT,
    req,
    router: appRouter,
    allowBatching: true,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders, info }) => createHttpContext(req, resHeaders, batched || info.isBatchCall || info.calls.length > 1),
  });
}
