/**
 * File downloads of estate data outside tRPC (ZIP bundles, PDFs, CSV/XLSX), authorised exactly like tRPC's
 * estateReadProcedure: a valid session cookie (else 401) and membership of the estate (else 404, so
 * non-members cannot tell it exists). Reads are not logged, as in tRPC. One place for the rule, the
 * response headers and the mapping of AppError to HTTP status.
 */
import crypto from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { findSession, sessionTokenFrom } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { assertEstateMember } from "../services/access.ts";

const STATUS: Record<AppError["code"], number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
};

export interface TDownload {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

/** Checks session and membership, then answers with what `produce` returns (it may throw AppError). */
export async function estateDownload(
  prisma: PrismaClient,
  req: Request,
  estateId: string,
  produce: () => Promise<TDownload>,
): Promise<Response> {
  try {
    const session = await findSession(prisma, sessionTokenFrom(req.headers.get("cookie")));
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in first");
    if (session.mustEnrolSecondFactor) throw new AppError("FORBIDDEN", "Set up two-factor authentication first");
    if (session.mustChangePassword) throw new AppError("FORBIDDEN", "Choose a new password first");
    if (!z.string().uuid().safeParse(estateId).success) throw new AppError("NOT_FOUND", "Estate not found");
    await assertEstateMember(prisma, session.user, estateId);
    const file = await produce();
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.\-]/g, "_")}"`,
        "content-length": String(file.bytes.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: STATUS[error.code] });
    // Never the error itself (it may name tables, paths or values): a reference to the server log instead.
    const reference = crypto.randomUUID();
    console.error(`[error ${reference}] download for estate ${estateId} failed:`, error);
    return Response.json({ error: `Download failed (reference ${reference})` }, { status: 500 });
  }
}
