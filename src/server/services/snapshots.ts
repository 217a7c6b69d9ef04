/**
 * Audit snapshots in the database (issue 7): seal, list with the hash chain verified on every read, approve
 * (four-eyes: never the creator), verify the stored or an uploaded evidence bundle, diff two snapshots, and
 * the downloads (bundle ZIP, PDF report, CSV/XLSX rule table).
 *
 * Storage: one AuditSnapshot row per snapshot, written whole at INSERT (meta, digests, parts, envelope, key,
 * and the evidence bundle as sealed); approvals are SnapshotApproval rows holding their own signed envelope.
 * Both tables reject UPDATE, DELETE and TRUNCATE (trigger; prisma/migrations/20261122000000_append_only_tables).
 * The downloadable bundle is rebuilt on demand when approvals exist: the sealed snapshot (signed Merkle root)
 * inside never changes; only the outer bundle statement, which lists the approvals, is signed afresh.
 *
 * Access is checked by the callers (tRPC procedures, route handlers) before any of these functions run.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import {
  approveSnapshot as signApproval,
  describeApproval,
  verifyApproval,
  type TApproval,
  type TSignedApproval,
} from "../../audit/approval.ts";
import { coverPartsOf, defaultApprovalPolicy, evaluateApprovals, roleWord, type TApprovalStatus } from "../../audit/approval-policy.ts";
import { compareDeployedState, describeComparison, objectCounts, sealedManifestFiles } from "../../audit/deployed-state.ts";
import { sha256Hex } from "../../audit/hash.ts";
import { trustedKeysFrom } from "../../audit/key-rotation.ts";
import { governancePart } from "../../audit/pipeline-parts.ts";
import { notProvided, provided, type TGovernance } from "../../audit/snapshot-model.ts";
import { ManifestError, compileNsx, nsxConnectivity, type NsxEstate } from "../../policy/index.ts";
import { createBundle } from "../../audit/bundle.ts";
import type { TCheck } from "../../audit/check.ts";
import { verifyChain } from "../../audit/chain.ts";
import type { TDsseEnvelope } from "../../audit/dsse.ts";
import { ApprovalByCreatorError, SnapshotValidationError } from "../../audit/errors.ts";
import { importPublicKeyPem } from "../../audit/keys.ts";
import { renderReportPdf } from "../../audit/report/pdf.ts";
import { snapshotVerdict } from "../../audit/report/summary.ts";
import { verdictOf } from "../../audit/verdict.ts";
import { diffSnapshots as diffParts, type TConnection, type TRuleView } from "../../audit/semantic-diff.ts";
import { buildSnapshot, type TSealedSnapshot } from "../../audit/snapshot.ts";
import type { TSnapshotMeta, TSnapshotParts } from "../../audit/snapshot-model.ts";
import { verifySealedSnapshot } from "../../audit/verify-snapshot.ts";
import { verifyBundle } from "../../audit/verify.ts";
import { ruleRows, rulesToCsv, rulesToXlsx } from "../../audit/export/rules-table.ts";
import type { SessionUser } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { engineIdentity } from "./engine-version.ts";
import { installationKey, publicKeyInfo } from "./signing-key.ts";
import { gatherSnapshotParts } from "./snapshot-parts.ts";
import { currentEvidencePolicy } from "./evidence-policy.ts";
import { installationRotations } from "./key-rotation.ts";

type SnapshotRow = {
  id: string;
  estateId: string;
  sequence: number;
  createdAt: Date;
  createdBy: string;
  merkleRoot: string;
  previousRoot: string | null;
  meta: unknown;
  digests: unknown;
  envelope: unknown;
  parts: unknown;
  keyId: string;
  publicKeyPem: string;
};

const SEALED_COLUMNS = {
  id: true,
  estateId: true,
  sequence: true,
  createdAt: true,
  createdBy: true,
  merkleRoot: true,
  previousRoot: true,
  meta: true,
  digests: true,
  envelope: true,
  parts: true,
  keyId: true,
  publicKeyPem: true,
} as const;

export function sealedOf(row: SnapshotRow): TSealedSnapshot {
  return {
    formatVersion: 1,
    meta: row.meta as TSnapshotMeta,
    parts: row.parts as TSnapshotParts,
    digests: row.digests as Record<string, string>,
    merkleRoot: row.merkleRoot,
    envelope: row.envelope as TDsseEnvelope,
    keyId: row.keyId,
    publicKeyPem: row.publicKeyPem,
  };
}

/** The row's own columns must say what its signed meta says (a forged row could copy a signed payload). */
function columnProblems(row: SnapshotRow): string[] {
  const meta = row.meta as Partial<TSnapshotMeta> | null;
  const problems: string[] = [];
  if (!meta || typeof meta !== "object") return ["meta column is not an object"];
  if (meta.estateId !== row.estateId) problems.push(`row estate ${row.estateId} ≠ signed estate ${String(meta.estateId)}`);
  if (meta.sequence !== row.sequence) problems.push(`row sequence ${row.sequence} ≠ signed sequence ${String(meta.sequence)}`);
  if ((meta.previousRoot ?? null) !== row.previousRoot)
    problems.push(`row previousRoot ${row.previousRoot ?? "none"} ≠ signed ${meta.previousRoot ?? "none"}`);
  return problems;
}

export type TChainStatus = { state: "ok" } | { state: "broken"; reason: string } | { state: "unverified"; reason: string };

export interface TChainReport {
  ok: boolean;
  /** Human summary: "7 snapshots, chain intact" or where it breaks. */
  summary: string;
  bySequence: Map<number, TChainStatus>;
  firstBrokenSequence?: number;
}

/** Verifies every snapshot of the estate (content, signature, trusted key, column agreement, links). */
export function checkChain(rows: SnapshotRow[], trustedPublicKeyPem: string, rotations: readonly unknown[] = []): TChainReport {
  const sorted = [...rows].sort((a, b) => a.sequence - b.sequence);
  const bySequence = new Map<number, TChainStatus>();
  let broken: { index: number; reason: string } | undefined;
  const chain = verifyChain(sorted.map(sealedOf), { trustedPublicKeyPem, rotations });
  // Column agreement is checked first per row: it is the cheapest explanation of a forged row.
  for (let i = 0; i < sorted.length; i++) {
    const problems = columnProblems(sorted[i]);
    if (problems.length) {
      broken = { index: i, reason: problems.join("; ") };
      break;
    }
  }
  if (!chain.ok && chain.firstBroken && (!broken || chain.firstBroken.index <= broken.index)) {
    broken = { index: chain.firstBroken.index, reason: chain.firstBroken.reason };
  }
  sorted.forEach((row, i) => {
    if (!broken || i < broken.index) bySequence.set(row.sequence, { state: "ok" });
    else if (i === broken.index) bySequence.set(row.sequence, { state: "broken", reason: broken.reason });
    else bySequence.set(row.sequence, { state: "unverified", reason: `follows the break at #${sorted[broken.index].sequence}` });
  });
  if (!broken) {
    return {
      ok: true,
      bySequence,
      summary: sorted.length === 0 ? "no snapshots yet" : `${sorted.length} snapshot(s), chain intact and every signature valid`,
    };
  }
  const at = sorted[broken.index].sequence;
  return { ok: false, bySequence, firstBrokenSequence: at, summary: `chain broken at snapshot #${at}: ${broken.reason}` };
}

async function userNames(prisma: PrismaClient, ids: string[]) {
  const users = await prisma.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, email: true, name: true } });
  return new Map(users.map((u) => [u.id, u]));
}

function partStatus(parts: TSnapshotParts) {
  return (["policy", "mappingProfile", "manifests", "equivalence", "lint", "engine"] as const).map((key) => {
    const p = parts[key];
    return { part: key, provided: p.status === "provided", reason: p.status === "not-provided" ? p.reason : null };
  });
}

function ruleCount(parts: TSnapshotParts): number | null {
  return parts.policy.status === "provided" ? parts.policy.value.estate.policies.reduce((n, p) => n + p.rules.length, 0) : null;
}

/** List columns from the parts; a malformed (forged) row yields placeholders, never a crashed page. */
function summaryOf(parts: TSnapshotParts) {
  try {
    return { verdict: snapshotVerdict(parts), rules: ruleCount(parts), files: parts.inputs.files.length, parts: partStatus(parts) };
  } catch {
    return { verdict: verdictOf({ verified: false, reason: "the stored parts are unreadable" }), rules: null, files: 0, parts: [] };
  }
}

type ApprovalRow = {
  id: string;
  snapshotId: string;
  approvedBy: string;
  comment: string;
  createdAt: Date;
  signature: unknown;
  role: string | null;
  changeRef: string | null;
  decision: string;
  scope: unknown;
};

/** Keys an approval of this snapshot may be signed with: its own key and its successors (key rotation). */
function approvalKeys(sealed: TSealedSnapshot, rotations: readonly unknown[]): Uint8Array[] {
  return [...trustedKeysFrom(importPublicKeyPem(sealed.publicKeyPem), rotations).keys.values()];
}

/** The signed record must verify and say exactly what the row's columns say. */
function checkApproval(row: ApprovalRow, sealed: TSealedSnapshot, approverEmail: string | undefined, rotations: readonly unknown[]) {
  let keys: Uint8Array[];
  try {
    keys = approvalKeys(sealed, rotations);
  } catch (error) {
    return { ok: false as const, reason: (error as Error).message };
  }
  const v = verifyApproval(row.signature, sealed, keys);
  if (!v.ok) return { ok: false as const, reason: v.reason };
  const a = v.approval;
  if (!approverEmail || a.approvedBy !== approverEmail)
    return { ok: false as const, reason: "signed approver differs from the row's approver" };
  if (a.comment !== row.comment) return { ok: false as const, reason: "signed reason differs from the row's reason" };
  if (a.decision !== row.decision || a.role !== row.role || a.changeRef !== row.changeRef)
    return { ok: false as const, reason: "signed decision, role or change reference differs from the row" };
  if (JSON.stringify(a.scope) !== JSON.stringify(row.scope ?? null))
    return { ok: false as const, reason: "signed scope differs from the row" };
  return { ok: true as const, approval: a };
}

/** The sealed policy (or, for snapshots sealed before issue 13, the default one) applied to the valid decisions. */
export function approvalStatusOf(sealed: TSealedSnapshot, valid: readonly TApproval[]): TApprovalStatus {
  const governance = sealed.parts.governance;
  return evaluateApprovals(
    governance?.approvalPolicy ?? defaultApprovalPolicy(),
    { createdBy: sealed.meta.createdBy, creatorRole: governance?.creatorRole ?? null, coverParts: coverPartsOf(sealed.parts) },
    valid,
  );
}

async function estateRows(prisma: PrismaClient, estateId: string) {
  return prisma.auditSnapshot.findMany({
    where: { estateId },
    orderBy: { sequence: "asc" },
    select: { ...SEALED_COLUMNS, approvals: { orderBy: { createdAt: "asc" } } },
  });
}

function governanceView(g: TGovernance | undefined) {
  if (!g) return null;
  return {
    requiredApprovals: g.approvalPolicy.requiredApprovals,
    approverRoles: g.approvalPolicy.approverRoles,
    allowCreatorRole: g.approvalPolicy.allowCreatorRole,
    creatorRole: g.creatorRole,
    retentionYears: g.retention.years,
    retainUntil: g.retention.retainUntil,
  };
}

export async function listSnapshots(prisma: PrismaClient, estateId: string) {
  const rows = await estateRows(prisma, estateId);
  const key = installationKey();
  const rotations = await installationRotations(prisma);
  const chain = checkChain(rows, key.publicKeyPem, rotations);
  const users = await userNames(
    prisma,
    rows.flatMap((r) => [r.createdBy, ...r.approvals.map((a) => a.approvedBy)]),
  );
  const snapshots = rows
    .map((row) => {
      const sealed = sealedOf(row);
      const parts = sealed.parts;
      const creator = users.get(row.createdBy);
      return {
        id: row.id,
        sequence: row.sequence,
        createdAt: row.createdAt,
        createdBy: { id: row.createdBy, email: creator?.email ?? "(deleted user)", name: creator?.name ?? "" },
        merkleRoot: row.merkleRoot,
        previousRoot: row.previousRoot,
        keyId: row.keyId,
        ...summaryOf(parts),
        chain: chain.bySequence.get(row.sequence) ?? { state: "unverified" as const, reason: "not checked" },
        ...(() => {
          const approvals = row.approvals.map((a) => {
            const approver = users.get(a.approvedBy);
            const check = checkApproval(a, sealed, approver?.email, rotations);
            return {
              id: a.id,
              approvedBy: { id: a.approvedBy, email: approver?.email ?? "(deleted user)", name: approver?.name ?? "" },
              role: a.role,
              roleLabel: roleWord(a.role),
              decision: a.decision as "approve" | "reject",
              changeRef: a.changeRef,
              comment: a.comment,
              scope: (a.scope as string[] | null) ?? null,
              createdAt: a.createdAt,
              signatureValid: check.ok,
              problem: check.ok ? null : check.reason,
              valid: check.ok ? check.approval : null,
            };
          });
          const status = approvalStatusOf(
            sealed,
            approvals.flatMap((a) => (a.valid ? [a.valid] : [])),
          );
          let nth = 0;
          return {
            approvalStatus: { state: status.state, approvals: status.approvals, required: status.required, summary: status.summary },
            approvals: approvals.map(({ valid, ...rest }) => {
              const verdict = valid ? status.perDecision[nth++] : undefined;
              return {
                ...rest,
                counts: verdict?.counts ?? false,
                notCountedBecause: verdict ? (verdict.reason ?? null) : "invalid signature",
              };
            }),
          };
        })(),
        governance: governanceView(parts.governance),
        deployment: parts.deployment
          ? {
              checkedSequence: parts.deployment.checked.sequence,
              checkedRoot: parts.deployment.checked.merkleRoot,
              equivalent: parts.deployment.comparison.equivalent,
              summary: describeComparison(parts.deployment.comparison),
            }
          : null,
        ruleRecordGaps:
          parts.ruleRecords?.status === "provided"
            ? {
                missingOwner: parts.ruleRecords.value.missingOwner.length,
                missingJustification: parts.ruleRecords.value.missingJustification.length,
              }
            : null,
      };
    })
    .reverse();
  return { chain: { ok: chain.ok, summary: chain.summary, firstBrokenSequence: chain.firstBrokenSequence ?? null }, snapshots };
}

/** What a new snapshot would freeze right now (nothing is signed or stored). */
export async function previewSnapshot(prisma: PrismaClient, estateId: string) {
  const [gathered, last] = await Promise.all([
    gatherSnapshotParts(prisma, estateId),
    prisma.auditSnapshot.findFirst({ where: { estateId }, orderBy: { sequence: "desc" }, select: { sequence: true, merkleRoot: true } }),
  ]);
  const { parts } = gathered;
  return {
    estateVersion: gathered.importVersion,
    nextSequence: (last?.sequence ?? 0) + 1,
    previousRoot: last?.merkleRoot ?? null,
    files: parts.inputs.files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.size, format: f.format, counts: f.counts })),
    rules: ruleCount(parts),
    verdict: snapshotVerdict(parts),
    parts: partStatus(parts),
    engine: parts.engine.status === "provided" ? parts.engine.value : null,
    key: publicKeyInfo(),
  };
}

/**
 * `extraInputs`: further files sealed by hash beside the estate's inputs, e.g. a scorecard decision record
 * (src/server/services/scorecard-decisions.ts), so it takes its place in the same chain.
 */
export async function createSnapshot(
  prisma: PrismaClient,
  user: SessionUser,
  estateId: string,
  extraInputs: TSnapshotParts["inputs"]["files"] = [],
) {
  const { parts } = await gatherSnapshotParts(prisma, estateId);
  parts.inputs.files.push(...extraInputs);
  return sealNext(prisma, user, estateId, parts);
}
/**
 * Seals `parts` as the estate's next snapshot: adds the governance part (the estate's approval policy in
 * force, the creator's role, retention) and, after a key rotation, the key's rotation history; then signs,
 * renders the report and stores the row, all under the estate's chain lock.
 */
async function sealNext(prisma: PrismaClient, user: SessionUser, estateId: string, parts: TSnapshotParts) {
  const estate = await prisma.estate.findUniqueOrThrow({ where: { id: estateId }, select: { name: true } });
  const [policy, rotations] = await Promise.all([currentEvidencePolicy(prisma, estateId), installationRotations(prisma)]);
  const key = installationKey();
  return prisma.$transaction(
    async (tx) => {
      // One writer per estate at a time: the sequence and the chain link are read and written atomically.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit-snapshot:${estateId}`}, 0))`;
      const rows = await tx.auditSnapshot.findMany({ where: { estateId }, orderBy: { sequence: "asc" }, select: SEALED_COLUMNS });
      const chain = checkChain(rows, key.publicKeyPem, rotations);
      if (!chain.ok) {
        throw new AppError(
          "CONFLICT",
          `Refusing to extend a broken chain (${chain.summary}). Investigate the audit table before sealing further snapshots.`,
        );
      }
      const last = rows.at(-1);
      const createdAt = new Date();
      const meta: TSnapshotMeta = {
        estateId,
        estateName: estate.name,
        createdBy: user.email,
        createdAt: createdAt.toISOString(),
        previousRoot: last?.merkleRoot ?? null,
        sequence: (last?.sequence ?? 0) + 1,
      };
      const sealedParts: TSnapshotParts = {
        ...parts,
        governance: governancePart({
          approvalPolicy: policy.approvalPolicy,
          creatorRole: user.role,
          createdAt: meta.createdAt,
          retentionYears: policy.retentionYears,
        }),
        ...(rotations.length > 0 ? { keyRotations: rotations as TSnapshotParts["keyRotations"] } : {}),
      };
      let sealed: TSealedSnapshot;
      try {
        sealed = buildSnapshot(sealedParts, meta, key.signer);
      } catch (error) {
        if (error instanceof SnapshotValidationError) throw new AppError("BAD_REQUEST", error.message, error.issues);
        throw error;
      }
      const reportPdf = await renderReportPdf({ sealed, approvals: [] });
      const bundle = createBundle(sealed, { signer: key.signer, reportPdf });
      const row = await tx.auditSnapshot.create({
        data: {
          estateId,
          sequence: meta.sequence,
          createdAt,
          createdBy: user.id,
          merkleRoot: sealed.merkleRoot,
          previousRoot: meta.previousRoot,
          meta: meta as object,
          digests: sealed.digests,
          envelope: sealed.envelope as object,
          parts: sealedParts as object,
          keyId: sealed.keyId,
          publicKeyPem: sealed.publicKeyPem,
          bundle: Buffer.from(bundle),
        },
        select: { id: true, sequence: true, merkleRoot: true },
      });
      return row;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function loadRow(prisma: PrismaClient, estateId: string, snapshotId: string) {
  const row = await prisma.auditSnapshot.findFirst({
    where: { id: snapshotId, estateId },
    select: { ...SEALED_COLUMNS, bundle: true, approvals: { orderBy: { createdAt: "asc" } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "Snapshot not found");
  return row;
}

async function previousRootOf(prisma: PrismaClient, estateId: string, sequence: number): Promise<string | null | undefined> {
  if (sequence <= 1) return null;
  const prev = await prisma.auditSnapshot.findUnique({
    where: { estateId_sequence: { estateId, sequence: sequence - 1 } },
    select: { merkleRoot: true },
  });
  return prev?.merkleRoot; // undefined: the previous snapshot is missing; the link is then not compared but reported below
}

export interface TDecisionRequest {
  decision: "approve" | "reject";
  changeRef: string;
  reason: string;
  /** Part keys reviewed; defaults to every part with content. */
  scope?: string[];
}

const FOUR_EYES = "You created this snapshot, so you cannot approve it: a second person must sign it off (four-eyes principle)";

/**
 * Records a signed change record (approve or reject) on a snapshot. Segregation of duties is enforced here
 * with the policy sealed in the snapshot (or the estate's current one for snapshots sealed before issue 13):
 * never the creator, only the policy's roles, not the creator's role unless the policy allows it.
 */
export async function decideSnapshot(
  prisma: PrismaClient,
  user: SessionUser,
  estateId: string,
  snapshotId: string,
  input: TDecisionRequest,
) {
  const row = await loadRow(prisma, estateId, snapshotId);
  if (row.createdBy === user.id) throw new AppError("FORBIDDEN", FOUR_EYES);
  const key = installationKey();
  const rotations = await installationRotations(prisma);
  const sealed = sealedOf(row);
  const check = verifySealedSnapshot(sealed, { trustedPublicKeyPem: key.publicKeyPem, rotations });
  if (!check.ok || columnProblems(row).length) {
    throw new AppError(
      "CONFLICT",
      "This snapshot does not verify; it cannot be approved",
      check.checks.filter((c) => !c.ok),
    );
  }
  const governance = sealed.parts.governance;
  const policy = governance?.approvalPolicy ?? (await currentEvidencePolicy(prisma, estateId)).approvalPolicy;
  if (!(policy.approverRoles as readonly string[]).includes(user.role))
    throw new AppError(
      "FORBIDDEN",
      `This estate's approval policy does not let a ${roleWord(user.role)} decide on snapshots (approver roles: ${policy.approverRoles.map(roleWord).join(", ")})`,
    );
  const creatorRole = governance?.creatorRole;
  if (!policy.allowCreatorRole && creatorRole === user.role)
    throw new AppError(
      "FORBIDDEN",
      `The snapshot was sealed by a ${roleWord(creatorRole)}; this estate's policy requires a person with another role to decide (segregation of duties)`,
    );
  if (row.approvals.some((a) => a.approvedBy === user.id)) throw new AppError("CONFLICT", "You have already decided on this snapshot");
  const coverable = coverPartsOf(sealed.parts);
  const scope = [...new Set(input.scope && input.scope.length > 0 ? input.scope : coverable)].sort();
  const unknown = scope.filter((p) => !coverable.includes(p));
  if (unknown.length) throw new AppError("BAD_REQUEST", `Scope names parts this snapshot does not have: ${unknown.join(", ")}`);
  const approvedAt = new Date();
  let signed: TSignedApproval;
  try {
    signed = signApproval(
      sealed,
      {
        approvedBy: user.email,
        approvedAt: approvedAt.toISOString(),
        role: user.role,
        decision: input.decision,
        changeRef: input.changeRef,
        reason: input.reason,
        scope,
      },
      key.signer,
    );
  } catch (error) {
    if (error instanceof ApprovalByCreatorError) throw new AppError("FORBIDDEN", FOUR_EYES);
    if (error instanceof SnapshotValidationError) throw new AppError("BAD_REQUEST", error.message, error.issues);
    throw error;
  }
  try {
    return await prisma.snapshotApproval.create({
      data: {
        snapshotId,
        approvedBy: user.id,
        comment: signed.approval.reason,
        createdAt: approvedAt,
        signature: signed.envelope as object,
        role: signed.approval.role,
        changeRef: signed.approval.changeRef,
        decision: signed.approval.decision,
        scope: signed.approval.scope ?? undefined,
      },
      select: { id: true, createdAt: true },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", "You have already decided on this snapshot");
    throw error;
  }
}

/** Verified approvals of a row, as the report and the bundle carry them. */
async function verifiedApprovals(prisma: PrismaClient, row: Awaited<ReturnType<typeof loadRow>>, sealed: TSealedSnapshot) {
  const rotations = await installationRotations(prisma);
  const users = await userNames(
    prisma,
    row.approvals.map((a) => a.approvedBy),
  );
  const out: { approval: TApproval; signed: TSignedApproval }[] = [];
  for (const a of row.approvals) {
    const check = checkApproval(a, sealed, users.get(a.approvedBy)?.email, rotations);
    if (check.ok) out.push({ approval: check.approval, signed: { approval: check.approval, envelope: a.signature as TDsseEnvelope } });
  }
  return out;
}

export interface TVerificationReport {
  ok: boolean;
  merkleRoot: string | null;
  sequence: number | null;
  estateName: string | null;
  checks: TCheck[];
}

/** The same check as `parity snapshot verify`, on the bundle stored at creation, pinned to this installation's key. */
export async function verifyStoredBundle(prisma: PrismaClient, estateId: string, snapshotId: string): Promise<TVerificationReport> {
  const row = await loadRow(prisma, estateId, snapshotId);
  const key = installationKey();
  const previousRoot = await previousRootOf(prisma, estateId, row.sequence);
  const rotations = await installationRotations(prisma);
  const result = verifyBundle(new Uint8Array(row.bundle), { trustedPublicKeyPem: key.publicKeyPem, previousRoot, rotations });
  // The stored bundle was sealed before any approval existed; say so rather than "no sign-off yet".
  // The approval policy is evaluated below from the database's approvals, not the (approval-less) bundle as sealed.
  const checks = result.checks
    .filter((c) => c.name !== "approval policy")
    .map((c) =>
      c.name === "approvals" && c.ok && row.approvals.length > 0
        ? {
            ...c,
            detail:
              "none inside the bundle as sealed at creation; the approvals are checked from the database below and included in every download",
          }
        : c,
    );
  if (previousRoot === undefined)
    checks.push({ name: "chain link", ok: false, detail: `snapshot #${row.sequence - 1} is missing from the database` });
  const rootOk = result.merkleRoot === row.merkleRoot;
  checks.push({
    name: "database row",
    ok: rootOk,
    detail: rootOk ? "bundle root equals the row's Merkle root" : `bundle root ${result.merkleRoot ?? "?"} ≠ row ${row.merkleRoot}`,
  });
  const sealed = sealedOf(row);
  const users = await userNames(
    prisma,
    row.approvals.map((a) => a.approvedBy),
  );
  const valid: TApproval[] = [];
  row.approvals.forEach((a, i) => {
    const check = checkApproval(a, sealed, users.get(a.approvedBy)?.email, rotations);
    if (check.ok) valid.push(check.approval);
    checks.push({
      name: `approval ${i + 1} (database)`,
      ok: check.ok,
      detail: check.ok ? describeApproval(check.approval) : check.reason,
    });
  });
  checks.push({ name: "approval policy", ok: true, detail: approvalStatusOf(sealed, valid).summary });
  return {
    ok: checks.every((c) => c.ok),
    merkleRoot: result.merkleRoot ?? null,
    sequence: result.sequence ?? null,
    estateName: result.estateName ?? null,
    checks,
  };
}

/** An auditor's own copy of a bundle: verified offline-style, then compared with this estate's chain. */
export async function verifyUploadedBundle(prisma: PrismaClient, estateId: string, bytes: Uint8Array): Promise<TVerificationReport> {
  const key = installationKey();
  const rotations = await installationRotations(prisma);
  const first = verifyBundle(bytes, { trustedPublicKeyPem: key.publicKeyPem, rotations });
  let result = first;
  const extra: TCheck[] = [];
  if (first.sequence !== undefined && first.merkleRoot) {
    const stored = await prisma.auditSnapshot.findUnique({
      where: { estateId_sequence: { estateId, sequence: first.sequence } },
      select: { merkleRoot: true },
    });
    if (!stored) {
      extra.push({ name: "this estate", ok: false, detail: `estate has no snapshot #${first.sequence}; the bundle belongs elsewhere` });
    } else {
      const previousRoot = await previousRootOf(prisma, estateId, first.sequence);
      if (previousRoot !== undefined) result = verifyBundle(bytes, { trustedPublicKeyPem: key.publicKeyPem, previousRoot, rotations });
      const same = stored.merkleRoot === first.merkleRoot;
      extra.push({
        name: "this estate",
        ok: same,
        detail: same
          ? `matches snapshot #${first.sequence} in this installation`
          : `differs from snapshot #${first.sequence} here (root ${stored.merkleRoot})`,
      });
    }
  }
  const checks = [...result.checks, ...extra];
  return {
    ok: checks.every((c) => c.ok),
    merkleRoot: result.merkleRoot ?? null,
    sequence: result.sequence ?? null,
    estateName: result.estateName ?? null,
    checks,
  };
}

/** VM-to-VM connectivity as the engine computes it for one frozen policy (labels "name (id)"). */
export function vmConnectivity(estate: NsxEstate): TConnection[] {
  const connectivity = nsxConnectivity(compileNsx(estate));
  const out: TConnection[] = [];
  for (const pair of connectivity.pairs) {
    if (pair.src.kind !== "vms" || pair.dst.kind !== "vms") continue;
    const conns = pair.traffic.toConnString();
    for (const src of pair.src.members) {
      for (const dst of pair.dst.members) {
        if (src === dst) continue;
        out.push({ src: `${src.vm.name} (${src.vm.id})`, dst: `${dst.vm.name} (${dst.vm.id})`, conns });
      }
    }
  }
  return out;
}

const DIFF_LIMIT = 500;
const cap = <T>(list: T[]) => ({ total: list.length, items: list.slice(0, DIFF_LIMIT) });

function ordered<T extends { sequence: number }>(a: T, b: T): [T, T] {
  return a.sequence <= b.sequence ? [a, b] : [b, a];
}

/** Rules added / removed / changed between two snapshots (fast: compares the frozen policies). */
export async function diffSnapshots(prisma: PrismaClient, estateId: string, fromId: string, toId: string) {
  const [before, after] = ordered(...(await Promise.all([loadRow(prisma, estateId, fromId), loadRow(prisma, estateId, toId)])));
  const diff = diffParts({ parts: before.parts as TSnapshotParts }, { parts: after.parts as TSnapshotParts });
  const view = (r: TRuleView) => ({
    id: r.id,
    name: String(r.name ?? ""),
    policyName: String(r.policyName ?? ""),
    category: r.category,
    action: String(r.action ?? ""),
  });
  return {
    from: { id: before.id, sequence: before.sequence, merkleRoot: before.merkleRoot },
    to: { id: after.id, sequence: after.sequence, merkleRoot: after.merkleRoot },
    rules: diff.rules.available
      ? {
          available: true as const,
          added: cap(diff.rules.added.map(view)),
          removed: cap(diff.rules.removed.map(view)),
          changed: cap(
            diff.rules.changed.map((c) => ({
              id: c.id,
              changes: c.changes.map((f) => ({
                field: f.field,
                before: JSON.stringify(f.before ?? null),
                after: JSON.stringify(f.after ?? null),
              })),
            })),
          ),
        }
      : { available: false as const, reason: diff.rules.reason },
  };
}

/** Exact connectivity is costly (seconds per estate): computed once per frozen policy digest and process. */
const connectivityCache = new Map<string, TConnection[]>();

function connectivityOf(row: { parts: unknown; digests: unknown }): TConnection[] | undefined {
  const parts = row.parts as TSnapshotParts;
  if (parts.policy.status !== "provided") return undefined;
  const digest = (row.digests as Record<string, string>)["parts/policy.json"];
  const hit = connectivityCache.get(digest);
  if (hit) return hit;
  const computed = vmConnectivity(parts.policy.value.estate);
  if (connectivityCache.size >= 4) connectivityCache.delete(connectivityCache.keys().next().value!);
  connectivityCache.set(digest, computed);
  return computed;
}

/** Connections added / removed / changed (VM to VM), as the engine computes them for each frozen policy. */
export async function diffSnapshotConnections(prisma: PrismaClient, estateId: string, fromId: string, toId: string) {
  const [before, after] = ordered(...(await Promise.all([loadRow(prisma, estateId, fromId), loadRow(prisma, estateId, toId)])));
  const engine = engineIdentity();
  const note = `VM-to-VM connectivity recomputed from each snapshot's frozen policy by this installation's engine (${
    engine.ok ? `${engine.version}, ${engine.semanticsDigest.slice(0, 19)}…` : "engine identity unavailable"
  }); traffic to and from external addresses is covered by the rules diff.`;
  const policyDigest = (row: { digests: unknown }) => (row.digests as Record<string, string>)["parts/policy.json"];
  const samePolicy = policyDigest(before) === policyDigest(after) && (before.parts as TSnapshotParts).policy.status === "provided";
  if (samePolicy) {
    return {
      available: true as const,
      samePolicy,
      note,
      added: cap<TConnection>([]),
      removed: cap<TConnection>([]),
      changed: cap<{ src: string; dst: string; before: string; after: string }>([]),
    };
  }
  const diff = diffParts(
    { parts: before.parts as TSnapshotParts, connectivity: connectivityOf(before) },
    { parts: after.parts as TSnapshotParts, connectivity: connectivityOf(after) },
  ).connections;
  if (!diff.available) return { available: false as const, reason: diff.reason, note };
  return { available: true as const, samePolicy, note, added: cap(diff.added), removed: cap(diff.removed), changed: cap(diff.changed) };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "estate"
  );
}

export type TArtifact = "bundle" | "report" | "rules-csv" | "rules-xlsx";

/** Bytes, type and file name of a download. */
export async function snapshotArtifact(prisma: PrismaClient, estateId: string, snapshotId: string, artifact: TArtifact) {
  const row = await loadRow(prisma, estateId, snapshotId);
  const sealed = sealedOf(row);
  const base = `parity-${slug(sealed.meta.estateName)}-snapshot-${row.sequence}`;
  if (artifact === "rules-csv" || artifact === "rules-xlsx") {
    if (sealed.parts.policy.status !== "provided")
      throw new AppError("NOT_FOUND", `This snapshot has no normalised policy: ${sealed.parts.policy.reason}`);
    const rows = ruleRows(sealed.parts.policy.value);
    if (artifact === "rules-csv") {
      return { bytes: new TextEncoder().encode(rulesToCsv(rows)), contentType: "text/csv; charset=utf-8", fileName: `${base}-rules.csv` };
    }
    return {
      bytes: await rulesToXlsx(rows),
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      fileName: `${base}-rules.xlsx`,
    };
  }
  const approvals = await verifiedApprovals(prisma, row, sealed);
  if (artifact === "report") {
    const pdf = await renderReportPdf({ sealed, approvals: approvals.map((a) => a.approval) });
    return { bytes: pdf, contentType: "application/pdf", fileName: `${base}.pdf` };
  }
  if (approvals.length === 0) return { bytes: new Uint8Array(row.bundle), contentType: "application/zip", fileName: `${base}.zip` };
  const key = installationKey();
  if (key.keyId !== sealed.keyId) {
    // The installation key changed since sealing: the bundle cannot be re-signed; hand out the one sealed then.
    return { bytes: new Uint8Array(row.bundle), contentType: "application/zip", fileName: `${base}-without-approvals.zip` };
  }
  const reportPdf = await renderReportPdf({ sealed, approvals: approvals.map((a) => a.approval) });
  const bundle = createBundle(sealed, {
    signer: key.signer,
    reportPdf,
    approvals: approvals.map((a) => a.signed),
    bundledAt: new Date().toISOString(),
  });
  return { bytes: bundle, contentType: "application/zip", fileName: `${base}.zip` };
}

/**
 * Deployed-state check (PCI DSS 1.2.8, post-migration evidence): the uploaded cluster dump is compared by the
 * engine with a sealed snapshot's manifests, and the result is sealed as the estate's next snapshot whose
 * deployment part names the checked snapshot (estate, sequence, Merkle root) — linked to it, and chained.
 */
export async function checkDeployedState(
  prisma: PrismaClient,
  user: SessionUser,
  estateId: string,
  snapshotId: string,
  dump: { name: string; bytes: Uint8Array },
) {
  const row = await loadRow(prisma, estateId, snapshotId);
  const sealed = sealedOf(row);
  const rotations = await installationRotations(prisma);
  const check = verifySealedSnapshot(sealed, { trustedPublicKeyPem: installationKey().publicKeyPem, rotations });
  if (!check.ok || columnProblems(row).length) throw new AppError("CONFLICT", "The snapshot to check against does not verify");
  if (sealed.parts.manifests.status !== "provided")
    throw new AppError("BAD_REQUEST", `Snapshot #${row.sequence} sealed no manifests to compare with: ${sealed.parts.manifests.reason}`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(dump.bytes);
  const clusterFiles = [{ file: dump.name, text }];
  let comparison;
  let objects: Record<string, number>;
  try {
    objects = objectCounts(clusterFiles);
    comparison = compareDeployedState(sealedManifestFiles(sealed.parts.manifests.value), clusterFiles);
  } catch (error) {
    if (error instanceof ManifestError || error instanceof SyntaxError) throw new AppError("BAD_REQUEST", `${dump.name}: ${error.message}`);
    throw error;
  }
  if (Object.keys(objects).length === 0) throw new AppError("BAD_REQUEST", `${dump.name} holds no Kubernetes objects`);
  const sha256 = sha256Hex(dump.bytes);
  const engine = sealed.parts.engine;
  const parts: TSnapshotParts = {
    inputs: {
      files: [
        {
          name: dump.name,
          sha256,
          size: dump.bytes.length,
          format: "kubectl-list",
          counts: Object.entries(objects).map(([kind, n]) => ({ kind, imported: n, total: n })),
        },
      ],
    },
    policy: notProvided(`deployed-state check: the NSX policy is frozen in snapshot #${row.sequence} (${row.merkleRoot})`),
    mappingProfile: notProvided(`deployed-state check: the mapping profile is frozen in snapshot #${row.sequence}`),
    manifests: provided({ [`cluster/${dump.name.replace(/[^A-Za-z0-9_.-]/g, "_").replace(/\.(json|ya?ml)?$/i, "")}.yaml`]: text }),
    equivalence: provided({
      equivalent: comparison.equivalent,
      differences: comparison.differences,
      findings: [],
      comparedWith: { sequence: row.sequence, merkleRoot: row.merkleRoot },
      sentence: describeComparison(comparison),
    }),
    lint: notProvided("deployed-state check: lint belongs to the NSX policy, frozen in the checked snapshot"),
    engine: (() => {
      const now = engineIdentity();
      return now.ok ? provided({ version: now.version, semanticsDigest: now.semanticsDigest }) : engine;
    })(),
    deployment: {
      kind: "deployed-state-check",
      checked: { estateId, sequence: row.sequence, merkleRoot: row.merkleRoot },
      cluster: { name: dump.name, sha256, size: dump.bytes.length, objects },
      comparison,
    },
  };
  const created = await sealNext(prisma, user, estateId, parts);
  return { ...created, equivalent: comparison.equivalent, summary: describeComparison(comparison), comparison };
}
