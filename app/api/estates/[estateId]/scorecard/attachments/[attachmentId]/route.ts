import { db } from "@/server/db";
import { handleWorkshopAttachment } from "@/server/api/scorecard-export";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ estateId: string; attachmentId: string }> }) {
  const { estateId, attachmentId } = await params;
  return handleWorkshopAttachment(db(), req, estateId, attachmentId);
}
