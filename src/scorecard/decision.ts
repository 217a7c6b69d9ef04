/**
 * A decision record (issue #16): the architects freeze one scorecard version as their decision — chosen
 * platform, rationale, dissent — together with everything it rests on: criteria (custom ones with their
 * normalisation rule), weights, every score's evidence and sources, the workshop answers cited, totals,
 * ranks, sensitivity and the explanation in words. The record is self-contained: its exports (PDF, CSV) and
 * its SHA-256 (sealed into the estate's audit chain) are computed from it alone.
 */
import { z } from "zod";
import { ZPlatformId, type TPlatformId } from "./platforms.ts";
import type { TScorecard } from "./scorecard.ts";

export const ZDecisionInput = z.object({
  chosenPlatform: ZPlatformId,
  rationale: z.string().trim().min(1).max(8000),
  /** Dissenting views, named; empty when the decision was unanimous (the record says so). */
  dissent: z.string().trim().max(8000),
});
export type TDecisionInput = z.infer<typeof ZDecisionInput>;

export interface TCitedAnswer {
  id: string;
  platform: TPlatformId;
  session: { id: string; date: string; title: string; participants: string[]; vendorAttendees: string[] };
  questionId: string | null;
  questionTitle: string;
  question: string;
  answer: string;
  criterionIds: string[];
  recordedBy: string;
  recordedAt: string;
  attachments: { id: string; name: string; contentType: string; size: number; sha256: string }[];
}

export const DECISION_FORMAT = "parity.scorecard-decision/1" as const;

export interface TDecisionRecord extends TDecisionInput {
  format: typeof DECISION_FORMAT;
  estate: { id: string; name: string };
  number: number;
  decidedAt: string;
  decidedBy: { name: string; email: string };
  /** The scorecard version frozen; 0 = the seeded catalogue with equal weights (nothing saved yet). */
  scorecardVersion: number;
  scorecard: TScorecard;
  /** Every workshop answer cited by a score or a custom value in this version. */
  workshopEvidence: TCitedAnswer[];
}

/** Where the chosen platform stands in the frozen scorecard, in words (shown on the record and the PDF). */
export function choiceStanding(record: Pick<TDecisionRecord, "chosenPlatform" | "scorecard">): string {
  const s = record.scorecard;
  const name = s.platforms.find((p) => p.id === record.chosenPlatform)?.name ?? record.chosenPlatform;
  const result = s.results.find((r) => r.platform === record.chosenPlatform);
  if (!result) return `${name} is not on the scorecard.`;
  if (result.excluded) {
    const reasons = s.knockOuts.filter((k) => k.platform === record.chosenPlatform).map((k) => k.reason);
    return `${name} was chosen although the scorecard excludes it by a knock-out (${reasons.join("; ")}).`;
  }
  const p = s.monteCarlo.probabilityTop[record.chosenPlatform] ?? 0;
  return result.rank === 1
    ? `${name} ranks first on the scorecard (total ${result.total.toFixed(2)}, P(rank 1) ${(p * 100).toFixed(1)} %).`
    : `${name} ranks ${result.rank} on the scorecard (total ${result.total.toFixed(2)}, P(rank 1) ${(p * 100).toFixed(1)} %): the decision departs from the ranking, see the rationale.`;
}

/** Answer ids cited by a scorecard's scores (overrides and custom values). */
export function citedAnswerIds(s: TScorecard): string[] {
  return [...new Set(s.criteria.flatMap((c) => c.scores.flatMap((x) => (x.answerId ? [x.answerId] : []))))];
}
