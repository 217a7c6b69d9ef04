import { db } from "@/server/db";
import { handleSnapshotDownload } from "@/server/api/snapshot-download";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ estateId: string; snapshotId: string; artifact: string }> }) {
  const { estateId, snapshotId, artifact } = await params;
  return handleSnapshotDownload(db(), req, estateId, snapshotId, artifact);
}
