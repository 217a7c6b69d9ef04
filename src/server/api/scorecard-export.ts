/**
 * GET /api/estates/:estateId/scorecard/export?format=csv|details-csv|pdf[&version=N]: the scorecard as a
 * download. Authorised exactly like tRPC's estateReadProcedure: a valid session cookie (else 401) and
 * membership of the estate (else 404, so non-members cannot tell the estate exists). Reads are not logged,
 * as in tRPC.
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { findSession, readCookie, SESSION_COOKIE } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { assertEstateMember } from "../services/access.ts";
import { exportScorecard, SCORECARD_EXPORT_FORMATS } from "../services/scorecard.ts";

const STATUS: Record<AppError["code"], number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
};

const ZQuery = z.object({
  estateId: z.string().uuid(),
  format: z.enum(SCORECARD_EXPORT_FORMATS),
  version: z.coerce.number().int().positive().optional(),
});

export async function handleScorecardExport(prisma: PrismaClient, req: Request, estateId: string): Promise<Response> {
  try {
    const session = await findSession(prisma, readCookie(req.headers.get("cookie"), SESSION_COOKIE));
    if (!session) throw new AppError("UNAUTHORIZED", "Sign in first");
    const url = new URL(req.url);
    const query = ZQuery.safeParse({ estateId, format: url.searchParams.get("format") ?? "csv", version: url.searchParams.get("version") ?? undefined });
    if (!query.success) throw new AppError(z.string().uuid().safeParse(estateId).success ? "BAD_REQUEST" : "NOT_FOUND", z.prettifyError(query.error));
    await assertEstateMember(prisma, session.user, query.data.estateId);
    const file = await exportScorecard(prisma, query.data.estateId, query.data.format, query.data.version);
    return new Response(Buffer.from(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName.replace(/[^\w.\-]/g, "_")}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: STATUS[error.code] });
    console.error("scorecard export failed:", error);
    return Response.json({ error: "Export failed" }, { status: 500 });
  }
}
