/**
 * Rule owner and business justification per NSX rule (PCI DSS v4.0.1 1.2.5). Version 0 of every rule comes
 * from the export (notes / tag, src/audit/rule-records.ts); security engineers and admins add versions, each
 * an append-only RuleRecordEdit row (a trigger rejects UPDATE/DELETE), so the table is the history. Snapshots
 * freeze the current version of every rule (ruleRecords part).
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { exportRecord, type TRuleEdit } from "../../audit/rule-records.ts";
import { type NsxEstate } from "../../policy/index.ts";
import type { SessionUser } from "../auth/session.ts";
import { AppError } from "../errors.ts";

/** The latest edit of each rule of the estate that has one. */
export async function latestRuleEdits(prisma: PrismaClient, estateId: string): Promise<Map<string, TRuleEdit>> {
  const rows = await prisma.ruleRecordEdit.findMany({
    where: { estateId },
    orderBy: [{ ruleId: "asc" }, { version: "desc" }],
    distinct: ["ruleId"],
  });
  return new Map(
    rows.map((r) => [
      r.ruleId,
      {
        ruleId: r.ruleId,
        version: r.version,
        owner: r.owner,
        justification: r.justification,
        editedBy: r.createdByEmail,
        editedAt: r.createdAt.toISOString(),
      },
    ]),
  );
}

async function currentRule(prisma: PrismaClient, estateId: string, ruleId: string) {
  const latest = await prisma.estateImport.findFirst({ where: { estateId }, orderBy: { version: "desc" }, select: { estate: true } });
  if (!latest) throw new AppError("BAD_REQUEST", "This estate has no imported version yet");
  const estate = latest.estate as unknown as NsxEstate;
  for (const policy of estate.policies) for (const rule of policy.rules) if (rule.id === ruleId) return rule;
  throw new AppError("NOT_FOUND", `Rule ${ruleId} is not in the estate's current version`);
}

/** One rule's record with its whole history, newest first (version 0 = the export's values). */
export async function ruleRecordHistory(prisma: PrismaClient, estateId: string, ruleId: string) {
  const rule = await currentRule(prisma, estateId, ruleId);
  const edits = await prisma.ruleRecordEdit.findMany({ where: { estateId, ruleId }, orderBy: { version: "desc" } });
  const fromExport = exportRecord(rule);
  return {
    ruleId,
    ruleName: rule.name,
    versions: [
      ...edits.map((e) => ({
        version: e.version,
        owner: e.owner,
        justification: e.justification,
        source: "edited" as const,
        by: e.createdByEmail,
        at: e.createdAt,
      })),
      { version: 0, owner: fromExport.owner, justification: fromExport.justification, source: "export" as const, by: null, at: null },
    ],
  };
}

export async function editRuleRecord(
  prisma: PrismaClient,
  user: SessionUser,
  estateId: string,
  input: { ruleId: string; owner: string | null; justification: string | null },
) {
  await currentRule(prisma, estateId, input.ruleId);
  const clean = (v: string | null) => (v && v.trim() ? v.trim() : null);
  return prisma.$transaction(async (tx) => {
    // Serialise editors of one rule: the next version number is read and written atomically.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rule-record:${estateId}:${input.ruleId}`}, 0))`;
    const last = await tx.ruleRecordEdit.findFirst({ where: { estateId, ruleId: input.ruleId }, orderBy: { version: "desc" } });
    return tx.ruleRecordEdit.create({
      data: {
        estateId,
        ruleId: input.ruleId,
        version: (last?.version ?? 0) + 1,
        owner: clean(input.owner),
        justification: clean(input.justification),
        createdBy: user.id,
        createdByEmail: user.email,
      },
      select: { version: true, createdAt: true },
    });
  });
}
