import { db } from "@/server/db";
import { handleTranslationBundle } from "@/server/api/translation-bundle";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ estateId: string; translationId: string }> }) {
  const { estateId, translationId } = await params;
  return handleTranslationBundle(db(), req, estateId, translationId);
}
