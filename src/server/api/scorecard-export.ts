/**
 * GET /api/estates/:estateId/scorecard/export?format=csv|details-csv|pdf[&version=N]: the scorecard as a
 * download, authorised like every estate download (src/server/api/estate-download.ts).
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { exportScorecard, SCORECARD_EXPORT_FORMATS } from "../services/scorecard.ts";
import { estateDownload } from "./estate-download.ts";

const ZQuery = z.object({
  format: z.enum(SCORECARD_EXPORT_FORMATS),
  version: z.coerce.number().int().positive().optional(),
});

export function handleScorecardExport(prisma: PrismaClient, req: Request, estateId: string): Promise<Response> {
  return estateDownload(prisma, req, estateId, async () => {
    const url = new URL(req.url);
    const query = ZQuery.safeParse({
      format: url.searchParams.get("format") ?? "csv",
      version: url.searchParams.get("version") ?? undefined,
    });
    if (!query.success) throw new AppError("BAD_REQUEST", z.prettifyError(query.error));
    const file = await exportScorecard(prisma, estateId, query.data.format, query.data.version);
    return { bytes: file.body, contentType: file.contentType, fileName: file.fileName };
  });
}
