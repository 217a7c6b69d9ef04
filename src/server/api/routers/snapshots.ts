import { z } from "zod";
import { AppError } from "../../errors.ts";
import { serverEnv } from "../../env.ts";
import { publicKeyInfo } from "../../services/signing-key.ts";
import { APPROVER_ROLES } from "../../../audit/approval-policy.ts";
import { currentEvidencePolicy, setEvidencePolicy } from "../../services/evidence-policy.ts";
import { editRuleRecord, ruleRecordHistory } from "../../services/rule-records.ts";
import {
  checkDeployedState,
  createSnapshot,
  decideSnapshot,
  diffSnapshotConnections,
  diffSnapshots,
  listSnapshots,
  previewSnapshot,
  verifyStoredBundle,
  verifyUploadedBundle,
} from "../../services/snapshots.ts";
import {
  approverProcedure,
  createTRPCRouter,
  estateAdminProcedure,
  estateReadProcedure,
  estateUploadProcedure,
  securityProcedure,
  securityUploadProcedure,
} from "../trpc.ts";

const ZSnapshotRef = z.object({ snapshotId: z.string().uuid() });

export const snapshotsRouter = createTRPCRouter({
  /** Every snapshot of the estate, newest first, with the hash chain verified on this read. */
  list: estateReadProcedure.query(({ ctx, input }) => listSnapshots(ctx.prisma, input.estateId)),
  /** What "Create snapshot" would freeze now (nothing signed or stored). */
  preview: securityProcedure.query(({ ctx, input }) => previewSnapshot(ctx.prisma, input.estateId)),
  create: securityProcedure.mutation(({ ctx, input }) => createSnapshot(ctx.prisma, ctx.session.user, input.estateId)),
  /**
   * A signed change record: approve or reject, with the approver's role, a change/ticket reference, a reason
   * and the parts reviewed. Segregation of duties (the estate's approval policy) is enforced by the service.
   */
  decide: approverProcedure
    .input(
      ZSnapshotRef.extend({
        decision: z.enum(["approve", "reject"]),
        changeRef: z.string().trim().min(1, "Give the change or ticket reference").max(200),
        reason: z.string().trim().min(1, "Give a reason").max(4000),
        scope: z.array(z.string().min(1)).max(20).optional(),
      }),
    )
    .mutation(({ ctx, input }) => decideSnapshot(ctx.prisma, ctx.session.user, input.estateId, input.snapshotId, input)),
  /** The estate's approval policy and retention period in force (members read it; admins change it). */
  evidencePolicy: estateReadProcedure.query(({ ctx, input }) => currentEvidencePolicy(ctx.prisma, input.estateId)),
  setEvidencePolicy: estateAdminProcedure
    .input(
      z.object({
        requiredApprovals: z.int().min(1).max(10),
        approverRoles: z.array(z.enum(APPROVER_ROLES)).min(1),
        allowCreatorRole: z.boolean(),
        retentionYears: z.int().min(1).max(100),
      }),
    )
    .mutation(({ ctx, input }) =>
      setEvidencePolicy(ctx.prisma, ctx.session.user, input.estateId, {
        approvalPolicy: {
          requiredApprovals: input.requiredApprovals,
          approverRoles: input.approverRoles,
          allowCreatorRole: input.allowCreatorRole,
        },
        retentionYears: input.retentionYears,
      }),
    ),
  /** A rule's owner and business justification with every version (0 = from the export). */
  ruleRecord: estateReadProcedure
    .input(z.object({ ruleId: z.string().min(1).max(500) }))
    .query(({ ctx, input }) => ruleRecordHistory(ctx.prisma, input.estateId, input.ruleId)),
  editRuleRecord: securityProcedure
    .input(
      z.object({
        ruleId: z.string().min(1).max(500),
        owner: z.string().trim().max(200).nullable(),
        justification: z.string().trim().max(4000).nullable(),
      }),
    )
    .mutation(({ ctx, input }) => editRuleRecord(ctx.prisma, ctx.session.user, input.estateId, input)),
  /**
   * Multipart: `estateId`, `snapshotId` and one `cluster` file (`kubectl get adminnetworkpolicies,
   * baselineadminnetworkpolicies,clusternetworkpolicies,networkpolicies,namespaces,virtualmachines -A -o yaml`).
   * Compares it with the snapshot's manifests and seals the result as a new, linked snapshot.
   */
  checkDeployed: securityUploadProcedure.mutation(async ({ ctx, input }) => {
    const file = input.get("cluster");
    const snapshotId = z.string().uuid().safeParse(input.get("snapshotId"));
    if (!snapshotId.success) throw new AppError("BAD_REQUEST", "Choose the snapshot to check against");
    if (typeof file !== "object" || file === null || !("arrayBuffer" in file))
      throw new AppError("BAD_REQUEST", "Choose the cluster's kubectl output (YAML) to check");
    if (file.size > serverEnv().PARITY_MAX_UPLOAD_MB * 1024 * 1024)
      throw new AppError("PAYLOAD_TOO_LARGE", `The file exceeds ${serverEnv().PARITY_MAX_UPLOAD_MB} MiB`);
    return checkDeployedState(ctx.prisma, ctx.session.user, String(input.get("estateId")), snapshotId.data, {
      name: file.name || "cluster.yaml",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
  }),
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
