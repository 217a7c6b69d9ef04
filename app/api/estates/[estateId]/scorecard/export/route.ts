import { db } from "@/server/db";
import { handleScorecardExport } from "@/server/api/scorecard-export";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ estateId: string }> }) {
  const { estateId } = await params;
  return handleScorecardExport(db(), req, estateId);
}
