/**
 * GET /api/estates/:estateId/translations/:translationId/bundle: the translation's manifests as a ZIP
 * (kustomization.yaml at the root). Authorised exactly like tRPC's estateReadProcedure: a valid session
 * cookie (else 401) and membership of the estate (else 404, so non-members cannot tell it exists).
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { findSession, readCookie, SESSION_COOKIE } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { assertEstateMember } from "../services/access.ts";
import { translationBundle } from "../services/translations.ts";

const STATUS: Record<AppError["code"], number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
};

export async function handleTranslationBundle(prisma: PrismaClient, req: Request, estateId: string, translationId: string): Promise<Response> {
  try {
    const session = await findSession(prisma, readCookie(req.headers.get("cookie"), SESSION_COOKIE));
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in first");
    if (!z.string().uuid().safeParse(estateId).success || !z.string().uuid().safeParse(translationId).success) throw new AppError("NOT_FOUND", "Translation not found");
    await assertEstateMember(prisma, session.user, estateId);
    const bundle = await translationBundle(prisma, estateId, translationId);
    return new Response(Buffer.from(bundle.bytes), {
      headers: {
        "content-type": "application/zip",
        "content-disposition": `attachment; filename="${bundle.fileName.replace(/[^\w.\-]/g, "_")}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: STATUS[error.code] });
    console.error("translation bundle failed:", error);
    return Response.json({ error: "Download failed" }, { status: 500 });
  }
}
