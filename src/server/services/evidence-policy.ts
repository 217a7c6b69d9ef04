/**
 * Per estate: the approval policy (segregation of duties) and the retention period of its audit evidence.
 * Versioned and append-only (EvidencePolicy rows; a trigger rejects UPDATE/DELETE); the latest version
 * applies to snapshots sealed from then on, and each snapshot freezes the version in force (governance part),
 * so tightening or loosening the policy never changes what an existing snapshot required.
 * Without a row: 1 approval, from an admin, security engineer or auditor, not the creator and not the
 * creator's role; retention 10 years.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { DEFAULT_RETENTION_YEARS, defaultApprovalPolicy, ZApprovalPolicy, type TApprovalPolicy } from "../../audit/approval-policy.ts";
import type { SessionUser } from "../auth/session.ts";
import { AppError } from "../errors.ts";

export interface TEvidencePolicy {
  version: number;
  approvalPolicy: TApprovalPolicy;
  retentionYears: number;
  changedAt: Date | null;
  changedBy: string | null;
}

export async function currentEvidencePolicy(prisma: PrismaClient, estateId: string): Promise<TEvidencePolicy> {
  const row = await prisma.evidencePolicy.findFirst({ where: { estateId }, orderBy: { version: "desc" } });
  if (!row)
    return {
      version: 0,
      approvalPolicy: defaultApprovalPolicy(),
      retentionYears: DEFAULT_RETENTION_YEARS,
      changedAt: null,
      changedBy: null,
    };
  return {
    version: row.version,
    approvalPolicy: {
      requiredApprovals: row.requiredApprovals,
      approverRoles: [...row.approverRoles].sort(),
      allowCreatorRole: row.allowCreatorRole,
    },
    retentionYears: row.retentionYears,
    changedAt: row.createdAt,
    changedBy: row.createdBy,
  };
}

export async function setEvidencePolicy(
  prisma: PrismaClient,
  user: SessionUser,
  estateId: string,
  input: { approvalPolicy: TApprovalPolicy; retentionYears: number },
) {
  const policy = ZApprovalPolicy.safeParse(input.approvalPolicy);
  if (!policy.success) throw new AppError("BAD_REQUEST", `Approval policy: ${policy.error.issues[0]?.message}`);
  if (!Number.isInteger(input.retentionYears) || input.retentionYears < 1 || input.retentionYears > 100)
    throw new AppError("BAD_REQUEST", "Retention must be 1 to 100 years");
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`evidence-policy:${estateId}`}, 0))`;
    const last = await tx.evidencePolicy.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { version: true } });
    return tx.evidencePolicy.create({
      data: {
        estateId,
        version: (last?.version ?? 0) + 1,
        requiredApprovals: policy.data.requiredApprovals,
        approverRoles: [...new Set(policy.data.approverRoles)],
        allowCreatorRole: policy.data.allowCreatorRole,
        retentionYears: input.retentionYears,
        createdBy: user.id,
      },
      select: { version: true },
    });
  });
}
