/**
 * GET /api/estates/:estateId/snapshots/:snapshotId/{bundle.zip,report.pdf,rules.csv,rules.xlsx}, authorised
 * like every estate download (src/server/api/estate-download.ts).
 */
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { AppError } from "../errors.ts";
import { snapshotArtifact, type TArtifact } from "../services/snapshots.ts";
import { estateDownload } from "./estate-download.ts";

const ARTIFACTS: Record<string, TArtifact> = {
  "bundle.zip": "bundle",
  "report.pdf": "report",
  "rules.csv": "rules-csv",
  "rules.xlsx": "rules-xlsx",
};

export function handleSnapshotDownload(
  prisma: PrismaClient,
  req: Request,
  estateId: string,
  snapshotId: string,
  artifactName: string,
): Promise<Response> {
  return estateDownload(prisma, req, estateId, async () => {
    const artifact = Object.hasOwn(ARTIFACTS, artifactName) ? ARTIFACTS[artifactName] : undefined;
    if (!artifact || !z.string().uuid().safeParse(snapshotId).success) throw new AppError("NOT_FOUND", "Not found");
    return snapshotArtifact(prisma, estateId, snapshotId, artifact);
  });
}
