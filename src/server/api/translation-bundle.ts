/**
 * GET /api/estates/:estateId/translations/:translationId/bundle: the translation's manifests as a ZIP
 * (kustomization.yaml at the root), authorised like every estate download (src/server/api/estate-download.ts).
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { translationBundle } from "../services/translations.ts";
import { estateDownload } from "./estate-download.ts";

export function handleTranslationBundle(prisma: PrismaClient, req: Request, estateId: string, translationId: string): Promise<Response> {
  return estateDownload(prisma, req, estateId, async () => {
    if (!z.string().uuid().safeParse(translationId).success) throw new AppError("NOT_FOUND", "Translation not found");
    const bundle = await translationBundle(prisma, estateId, translationId);
    return { bytes: bundle.bytes, contentType: "application/zip", fileName: bundle.fileName };
  });
}
