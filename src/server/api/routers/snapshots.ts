import { z } from "zod";
import { AppError } from "../../errors.ts";
import { serverEnv } from "../../env.ts";
import { publicKeyInfo } from "../../services/signing-key.ts";
import {
  approveSnapshot,
  createSnapshot,
  diffSnapshotConnections,
  diffSnapshots,
  listSnapshots,
  previewSnapshot,
  verifyStoredBundle,
  verifyUploadedBundle,
} from "../../services/snapshots.ts";
import { approverProcedure, createTRPCRouter, estateReadProcedure, estateUploadProcedure, securityProcedure } from "../trpc.ts";

const ZSnapshotRef = z.object({ snapshotId: z.string().uuid() });

export const snapshotsRouter = createTRPCRouter({
  /** Every snapshot of the estate, newest first, with the hash chain verified on this read. */
  list: estateReadProcedure.query(({ ctx, input }) => listSnapshots(ctx.prisma, input.estateId)),
  /** What "Create snapshot" would freeze now (nothing signed or stored). */
  preview: securityProcedure.query(({ ctx, input }) => previewSnapshot(ctx.prisma, input.estateId)),
  create: securityProcedure.mutation(({ ctx, input }) => createSnapshot(ctx.prisma, ctx.session.user, input.estateId)),
  /** Four-eyes sign-off: any approver role except the snapshot's creator. */
  approve: approverProcedure
    .input(ZSnapshotRef.extend({ comment: z.string().trim().max(2000) }))
    .mutation(({ ctx, input }) => approveSnapshot(ctx.prisma, ctx.session.user, input.estateId, input.snapshotId, input.comment)),
  /** `parity snapshot verify` on the stored bundle, pinned to the installation key and the chain. */
  verify: estateReadProcedure
    .input(ZSnapshotRef)
    .query(({ ctx, input }) => verifyStoredBundle(ctx.prisma, input.estateId, input.snapshotId)),
  /** Multipart: `estateId` and one `bundle` file (a ZIP an auditor holds). */
  verifyUpload: estateUploadProcedure.mutation(async ({ ctx, input }) => {
    const file = input.get("bundle");
    if (typeof file !== "object" || file === null || !("arrayBuffer" in file))
      throw new AppError("BAD_REQUEST", "Choose a bundle ZIP to verify");
    if (file.size > serverEnv().PARITY_MAX_UPLOAD_MB * 1024 * 1024)
      throw new AppError("PAYLOAD_TOO_LARGE", `The bundle exceeds ${serverEnv().PARITY_MAX_UPLOAD_MB} MiB`);
    return verifyUploadedBundle(ctx.prisma, String(input.get("estateId")), new Uint8Array(await file.arrayBuffer()));
  }),
  diff: estateReadProcedure
    .input(z.object({ fromId: z.string().uuid(), toId: z.string().uuid() }))
    .query(({ ctx, input }) => diffSnapshots(ctx.prisma, input.estateId, input.fromId, input.toId)),
  /** Slow on large estates (exact connectivity); a separate query so the rules diff shows at once. */
  diffConnections: estateReadProcedure
    .input(z.object({ fromId: z.string().uuid(), toId: z.string().uuid() }))
    .query(({ ctx, input }) => diffSnapshotConnections(ctx.prisma, input.estateId, input.fromId, input.toId)),
  /** The installation's public key: what auditors pin with `parity snapshot verify --pubkey`. */
  publicKey: estateReadProcedure.query(() => publicKeyInfo()),
});
