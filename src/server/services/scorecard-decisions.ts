/**
 * Decision records (issue #16): an architect freezes the latest scorecard version as the decision (chosen
 * platform, rationale, dissent). The record — the whole scorecard as computed at that moment plus the cited
 * workshop answers — is stored once (a trigger forbids changes) with the SHA-256 of its canonical JSON.
 *
 * Sealing puts the decision into the estate's audit chain like any snapshot: createSnapshot (snapshots.ts)
 * seals the estate's current evidence plus the record as one more input file, named
 * `scorecard-decision-N.json`, by its SHA-256, signed and linked to the previous snapshot's root. Anyone can
 * recompute the hash from the record's JSON export and find it in the sealed snapshot's inputs.
 */
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { canonicalBytes } from "../../audit/canonical-json.ts";
import { sha256Hex } from "../../audit/hash.ts";
import { citedAnswerIds, DECISION_FORMAT, type TDecisionInput, type TDecisionRecord } from "../../scorecard/decision.ts";
import { decisionToCsv } from "../../scorecard/export/decision-csv.ts";
import { decisionToPdf } from "../../scorecard/export/decision-pdf.ts";
import type { SessionUser } from "../auth/session.ts";
import { AppError } from "../errors.ts";
import { getScorecard } from "./scorecard.ts";
import { citedAnswers } from "./scorecard-workshops.ts";
import { createSnapshot } from "./snapshots.ts";

export const DECISION_FILE_FORMAT = "parity-scorecard-decision";
const decisionFileName = (n: number) => `scorecard-decision-${n}.json`;

/** The record's canonical bytes (RFC 8785): what is hashed, sealed and offered as the JSON download. */
export function decisionBytes(record: TDecisionRecord): Uint8Array {
  return canonicalBytes(record);
}

export async function createDecision(
  prisma: PrismaClient,
  estateId: string,
  user: SessionUser,
  input: TDecisionInput,
  baseVersion: number,
) {
  const [card, estate] = await Promise.all([
    getScorecard(prisma, estateId),
    prisma.estate.findUniqueOrThrow({ where: { id: estateId }, select: { id: true, name: true } }),
  ]);
  if (card.latestVersion !== baseVersion)
    throw new AppError(
      "CONFLICT",
      `Someone saved version ${card.latestVersion} since you loaded version ${baseVersion}; review it before freezing it as the decision.`,
    );
  const evidence = await citedAnswers(prisma, estateId, citedAnswerIds(card.scorecard));
  for (let attempt = 0; ; attempt++) {
    const last = await prisma.scorecardDecision.findFirst({ where: { estateId }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    // Through JSON once: the stored and hashed record hold exactly the same values (no undefined, no Date).
    const record = JSON.parse(
      JSON.stringify({
        format: DECISION_FORMAT,
        estate,
        number,
        decidedAt: new Date().toISOString(),
        decidedBy: { name: user.name, email: user.email },
        scorecardVersion: card.latestVersion,
        ...input,
        scorecard: card.scorecard,
        workshopEvidence: evidence,
      } satisfies TDecisionRecord),
    ) as TDecisionRecord;
    try {
      return await prisma.scorecardDecision.create({
        data: {
          estateId,
          number,
          scorecardVersion: card.latestVersion,
          chosenPlatform: input.chosenPlatform,
          record: record as object,
          sha256: sha256Hex(decisionBytes(record)),
          createdBy: user.id,
        },
        select: { id: true, number: true, sha256: true },
      });
    } catch (error) {
      // Two architects deciding at once: the unique (estateId, number) lets one win; the other takes the next number.
      if (attempt < 3 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

async function loadDecision(prisma: PrismaClient, estateId: string, number: number) {
  const row = await prisma.scorecardDecision.findUnique({ where: { estateId_number: { estateId, number } } });
  if (!row) throw new AppError("NOT_FOUND", `Decision #${number} not found`);
  return row;
}

type TSealInfo = { sequence: number; merkleRoot: string; createdAt: Date; hashInSnapshot: boolean } | null;

/** The sealing snapshot and whether it really carries this record's hash under the record's file name. */
async function sealOf(prisma: PrismaClient, row: { snapshotId: string | null; number: number; sha256: string }): Promise<TSealInfo> {
  if (!row.snapshotId) return null;
  const snap = await prisma.auditSnapshot.findUnique({
    where: { id: row.snapshotId },
    select: { sequence: true, merkleRoot: true, createdAt: true, parts: true },
  });
  if (!snap) return null;
  const files = (snap.parts as { inputs?: { files?: { name: string; sha256: string }[] } }).inputs?.files ?? [];
  const hashInSnapshot = files.some((f) => f.name === decisionFileName(row.number) && f.sha256 === row.sha256);
  return { sequence: snap.sequence, merkleRoot: snap.merkleRoot, createdAt: snap.createdAt, hashInSnapshot };
}

const sealSentence = (seal: TSealInfo) =>
  seal
    ? `Sealed in audit snapshot #${seal.sequence} (Merkle root ${seal.merkleRoot}) on ${seal.createdAt.toISOString().slice(0, 10)}${seal.hashInSnapshot ? "" : " — WARNING: the snapshot does not carry this record's hash"}.`
    : undefined;

export async function listDecisions(prisma: PrismaClient, estateId: string) {
  const rows = await prisma.scorecardDecision.findMany({ where: { estateId }, orderBy: { number: "desc" }, take: 100 });
  return Promise.all(
    rows.map(async (row) => {
      const record = row.record as unknown as TDecisionRecord;
      // Recomputed on every read: a changed stored record no longer matches the hash it was created (and sealed) with.
      const intact = sha256Hex(decisionBytes(record)) === row.sha256;
      const seal = await sealOf(prisma, row);
      const result = record.scorecard.results.find((r) => r.platform === row.chosenPlatform);
      return {
        id: row.id,
        number: row.number,
        scorecardVersion: row.scorecardVersion,
        chosenPlatform: record.chosenPlatform,
        chosenRank: result?.rank ?? null,
        rationale: record.rationale,
        dissent: record.dissent,
        decidedAt: record.decidedAt,
        decidedBy: record.decidedBy,
        leadSentence: record.scorecard.explanation?.leadSentence ?? "",
        sha256: row.sha256,
        intact,
        seal: seal && { ...seal, createdAt: seal.createdAt.toISOString() },
      };
    }),
  );
}

export async function sealDecision(prisma: PrismaClient, estateId: string, user: SessionUser, number: number) {
  const row = await loadDecision(prisma, estateId, number);
  if (row.snapshotId) {
    const seal = await sealOf(prisma, row);
    throw new AppError("CONFLICT", `Decision #${number} is already sealed${seal ? ` in audit snapshot #${seal.sequence}` : ""}`);
  }
  const record = row.record as unknown as TDecisionRecord;
  const bytes = decisionBytes(record);
  if (sha256Hex(bytes) !== row.sha256)
    throw new AppError("CONFLICT", `Decision #${number} no longer matches the hash it was recorded with; it cannot be sealed`);
  const snapshot = await createSnapshot(prisma, user, estateId, [
    {
      name: decisionFileName(number),
      sha256: row.sha256,
      size: bytes.length,
      format: DECISION_FILE_FORMAT,
      counts: [
        { kind: "criteria", imported: record.scorecard.criteria.length, total: record.scorecard.criteria.length },
        { kind: "workshop answers", imported: record.workshopEvidence.length, total: record.workshopEvidence.length },
      ],
    },
  ]);
  // The trigger allows exactly this one change: linking the decision to the snapshot that seals it.
  await prisma.scorecardDecision.updateMany({ where: { id: row.id, snapshotId: null }, data: { snapshotId: snapshot.id } });
  return { sequence: snapshot.sequence, merkleRoot: snapshot.merkleRoot };
}

export const DECISION_EXPORT_FORMATS = ["decision-pdf", "decision-csv", "decision-json"] as const;
export type TDecisionExportFormat = (typeof DECISION_EXPORT_FORMATS)[number];

export async function exportDecision(prisma: PrismaClient, estateId: string, number: number, format: TDecisionExportFormat) {
  const row = await loadDecision(prisma, estateId, number);
  const record = row.record as unknown as TDecisionRecord;
  const seal = sealSentence(await sealOf(prisma, row));
  const stem = `decision-${number}`;
  if (format === "decision-json")
    return { fileName: `scorecard-${stem}.json`, contentType: "application/json", body: decisionBytes(record) };
  if (format === "decision-pdf")
    return {
      fileName: `scorecard-${stem}.pdf`,
      contentType: "application/pdf",
      body: await decisionToPdf(record, { sha256: row.sha256, seal }),
    };
  return {
    fileName: `scorecard-${stem}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: new TextEncoder().encode(`\uFEFF${decisionToCsv(record, { sha256: row.sha256, seal })}`),
  };
}
