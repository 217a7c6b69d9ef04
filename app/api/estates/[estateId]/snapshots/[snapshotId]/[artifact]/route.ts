/**
 * Snapshot downloads: bundle.zip, report.pdf, rules.csv, rules.xlsx. Authorised exactly like tRPC reads:
 * a valid session and membership of the estate (non-members get 404), then the same service the API uses.
 */
import { z } from "zod";
import { currentSession } from "@/server/auth/current-session";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { assertEstateMember } from "@/server/services/access";
import { snapshotArtifact, type TArtifact } from "@/server/services/snapshots";

export const dynamic = "force-dynamic";

const ARTIFACTS: Record<string, TArtifact> = {
  "bundle.zip": "bundle",
  "report.pdf": "report",
  "rules.csv": "rules-csv",
  "rules.xlsx": "rules-xlsx",
};

const ZParams = z.object({ estateId: z.string().uuid(), snapshotId: z.string().uuid(), artifact: z.string() });

const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400, CONFLICT: 409, TOO_MANY_REQUESTS: 429, PAYLOAD_TOO_LARGE: 413 } as const;

export async function GET(_req: Request, { params }: { params: Promise<{ estateId: string; snapshotId: string; artifact: string }> }) {
  const session = await currentSession();
  if (!session) return Response.json({ error: "Sign in first" }, { status: 401 });
  const parsed = ZParams.safeParse(await params);
  const artifact = parsed.success ? ARTIFACTS[parsed.data.artifact] : undefined;
  if (!parsed.success || !artifact) return Response.json({ error: "Not found" }, { status: 404 });
  try {
    await assertEstateMember(db(), session.user, parsed.data.estateId);
    const file = await snapshotArtifact(db(), parsed.data.estateId, parsed.data.snapshotId, artifact);
    return new Response(Buffer.from(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.fileName}"`,
        "content-length": String(file.bytes.length),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return Response.json({ error: error.message }, { status: STATUS[error.code] });
    console.error("snapshot download failed:", error);
    return Response.json({ error: "Download failed" }, { status: 500 });
  }
}
