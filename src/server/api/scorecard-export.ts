/**
 * GET /api/estates/:estateId/scorecard/export?format=csv|details-csv|pdf[&version=N] — the scorecard — and
 * ?format=decision-pdf|decision-csv|decision-json&decision=N — a decision record — as downloads, authorised
 * like every estate download (src/server/api/estate-download.ts).
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { exportScorecard, SCORECARD_EXPORT_FORMATS } from "../services/scorecard.ts";
import { DECISION_EXPORT_FORMATS, exportDecision } from "../services/scorecard-decisions.ts";
import { workshopAttachment } from "../services/scorecard-workshops.ts";
import { estateDownload } from "./estate-download.ts";

const ZQuery = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("scorecard"),
    format: z.enum(SCORECARD_EXPORT_FORMATS),
    version: z.coerce.number().int().positive().optional(),
  }),
  z.object({ kind: z.literal("decision"), format: z.enum(DECISION_EXPORT_FORMATS), decision: z.coerce.number().int().positive() }),
]);

export function handleScorecardExport(prisma: PrismaClient, req: Request, estateId: string): Promise<Response> {
  return estateDownload(prisma, req, estateId, async () => {
    const url = new URL(req.url);
    const format = url.searchParams.get("format") ?? "csv";
    const query = ZQuery.safeParse({
      kind: format.startsWith("decision-") ? "decision" : "scorecard",
      format,
      version: url.searchParams.get("version") ?? undefined,
      decision: url.searchParams.get("decision") ?? undefined,
    });
    if (!query.success) throw new AppError("BAD_REQUEST", z.prettifyError(query.error));
    const q = query.data;
    const file =
      q.kind === "decision"
        ? await exportDecision(prisma, estateId, q.decision, q.format)
        : await exportScorecard(prisma, estateId, q.format, q.version);
    return { bytes: file.body, contentType: file.contentType, fileName: file.fileName };
  });
}

/** GET /api/estates/:estateId/scorecard/attachments/:attachmentId — a workshop attachment, always as a download. */
export function handleWorkshopAttachment(prisma: PrismaClient, req: Request, estateId: string, attachmentId: string): Promise<Response> {
  return estateDownload(prisma, req, estateId, () => workshopAttachment(prisma, estateId, attachmentId));
}
